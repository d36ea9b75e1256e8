/**
 * Starts the engine's worker for `npm start` and `cwbridge worker`, and schedules the periodic
 * reconcile sweep (duplicate tickets carrying our key closed, late ambiguous creates relinked)
 * of every enabled connection: once now — a restart after a crash sweeps first — then every
 * `reconcileEveryMs`. The sweep's queue key keeps one pending sweep per connection however
 * often the worker restarts.
 */
import type { App } from "../app/open-app.js";
import { scheduleReconcile } from "../features/alerts/index.js";
import { listConnections } from "../features/connections/index.js";

/**
 * Default jobs at once. Each connection's client caps requests in flight (4 by default), so
 * twice as many jobs keep that cap busy while some jobs do local work between requests.
 */
export const DEFAULT_WORKER_CONCURRENCY = 8;

/** Default period of the reconcile sweep. */
export const RECONCILE_EVERY_MS = 15 * 60_000;

/** Options of {@link startWorker}. */
export interface StartWorkerOptions {
  readonly concurrency: number;
  readonly reconcileEveryMs?: number;
}

/**
 * Starts the worker and schedules the sweeps; resolves with the connections swept.
 *
 * @example
 * await startWorker(engine, { concurrency: 4 });
 */
export async function startWorker(
  engine: App,
  options: StartWorkerOptions,
): Promise<readonly string[]> {
  await engine.start({ concurrency: options.concurrency });
  const everyMs = options.reconcileEveryMs ?? RECONCILE_EVERY_MS;
  const enabled = (await listConnections(engine.ctx)).filter((c) => c.enabled);
  for (const connection of enabled) {
    await scheduleReconcile(engine.ctx, connection.id, { everyMs, runAt: new Date() });
  }
  return enabled.map((c) => c.name);
}
