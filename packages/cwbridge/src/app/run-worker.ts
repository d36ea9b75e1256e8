/**
 * The queue worker of an opened app, for every role that runs it (`cwbridge worker`, the
 * worker process `worker/main.ts`, `npm start`): {@link startWorker} starts it and schedules
 * the periodic reconcile sweep (duplicate tickets carrying our key closed, late ambiguous
 * creates relinked) of every enabled connection of every tenant, each scheduled in its own
 * tenant's context (so the sweep job runs there): once now — a restart after a crash sweeps
 * first — then every `reconcileEveryMs`. The sweep's queue key keeps one pending sweep per
 * connection however often the worker restarts. {@link runWorker} runs it until a signal
 * aborts, then waits for the running jobs.
 */
import { once } from "node:events";
import type { QueueStats } from "../queue/port.js";
import { DEFAULT_TENANT } from "../core/tenant.js";
import { callUseCase } from "../core/use-case.js";
import { listTenants } from "../features/connections/index.js";
import type { App } from "./open-app.js";

/** Default jobs at once (`config.ts`; `CWBRIDGE_WORKER_CONCURRENCY` changes it). */
export { DEFAULT_WORKER_CONCURRENCY } from "../config.js";

/** Default period of the reconcile sweep. */
export const RECONCILE_EVERY_MS = 15 * 60_000;

/** Options of {@link startWorker}. */
export interface StartWorkerOptions {
  readonly concurrency: number;
  readonly reconcileEveryMs?: number;
}

/**
 * Starts the worker and schedules the sweeps; resolves with the connections swept (by name;
 * `tenant/name` outside the `default` tenant).
 *
 * @example
 * await startWorker(app, { concurrency: 4 });
 */
export async function startWorker(
  app: App,
  options: StartWorkerOptions,
): Promise<readonly string[]> {
  await app.start({ concurrency: options.concurrency });
  const everyMs = options.reconcileEveryMs ?? RECONCILE_EVERY_MS;
  const swept: string[] = [];
  for (const tenant of await listTenants(app.ctx.store.db)) {
    const names = await callUseCase(
      app.forTenant(tenant),
      app.features.alerts.useCases.scheduleReconcile,
      { everyMs, runAt: new Date().toISOString() },
    );
    swept.push(...names.map((name) => (tenant === DEFAULT_TENANT ? name : `${tenant}/${name}`)));
  }
  return swept;
}

/** Options of {@link runWorker}. */
export interface RunWorkerOptions extends StartWorkerOptions {
  /** Stops the worker when aborted (SIGINT/SIGTERM); without one it stops at once. */
  readonly signal?: AbortSignal;
  /** Called once the worker runs, with the connections swept. */
  readonly onStarted?: (swept: readonly string[]) => void;
  /** Called when the signal aborted, before waiting for the running jobs. */
  readonly onStopping?: () => void;
}

/**
 * Starts the worker ({@link startWorker}), runs it until `signal` aborts, stops it (running
 * jobs finish) and resolves with the queue's counts then.
 *
 * @example
 * const stats = await runWorker(app, { concurrency: 8, signal, onStarted: () => console.log("running") });
 */
export async function runWorker(app: App, options: RunWorkerOptions): Promise<QueueStats> {
  const swept = await startWorker(app, options);
  options.onStarted?.(swept);
  const { signal } = options;
  if (signal !== undefined && !signal.aborted) await once(signal, "abort");
  options.onStopping?.();
  await app.stop();
  return app.ctx.queue.stats();
}
