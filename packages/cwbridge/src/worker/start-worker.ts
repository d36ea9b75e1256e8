/**
 * The worker role's start: opens the app from the environment's configuration (the same
 * `CWBRIDGE_*` variables as the CLI, `CWBRIDGE_WORKER_CONCURRENCY` for the jobs at once; logs
 * are pino JSON lines) and runs its queue worker
 * (`app/run-worker.ts`: device syncs, alert tickets, permission checks, the reconcile sweep of
 * each enabled connection) until the signal aborts, then waits for the running jobs and
 * closes the app. `worker/main.ts` is the process around it.
 */
import type { DestinationStream } from "pino";
import { loadConfig } from "../config.js";
import { openApp } from "../app/open-app.js";
import { DEFAULT_WORKER_CONCURRENCY, runWorker } from "../app/run-worker.js";
import type { QueueStats } from "../queue/port.js";

/** Options of {@link startWorkerRole}. */
export interface WorkerRoleOptions {
  /** The environment the configuration is read from (`process.env` in the process). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on SIGINT/SIGTERM: the worker stops then. */
  readonly signal: AbortSignal;
  /** Jobs at once (default: `CWBRIDGE_WORKER_CONCURRENCY`, else {@link DEFAULT_WORKER_CONCURRENCY}). */
  readonly concurrency?: number;
  /** Where log lines go (default stdout). */
  readonly logDestination?: DestinationStream;
}

/**
 * Runs the worker role until `signal` aborts; resolves with the queue's counts at the stop.
 * Throws `CWB_ERR_CONFIG_INVALID` for a bad environment (nothing opened then).
 *
 * @example
 * const stats = await startWorkerRole({ env: process.env, signal: controller.signal });
 */
export async function startWorkerRole(options: WorkerRoleOptions): Promise<QueueStats> {
  const config = loadConfig({ env: options.env });
  const app = await openApp({
    config,
    ...(options.logDestination === undefined ? {} : { logDestination: options.logDestination }),
  });
  const concurrency = options.concurrency ?? config.workerConcurrency ?? DEFAULT_WORKER_CONCURRENCY;
  try {
    const stats = await runWorker(app, {
      concurrency,
      signal: options.signal,
      onStarted: (swept) => app.ctx.log.info({ concurrency, swept }, "worker running"),
      onStopping: () => app.ctx.log.info("stopping: waiting for running jobs"),
    });
    app.ctx.log.info({ queue: stats }, "worker stopped");
    return stats;
  } finally {
    await app.close();
  }
}
