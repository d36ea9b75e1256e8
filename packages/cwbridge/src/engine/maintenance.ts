/**
 * Periodic housekeeping the engine runs while started: events-log retention by size.
 */
import type { Logger } from "pino";
import { pruneRequestLog } from "../store/request-log.js";
import type { Store } from "../store/open-store.js";

/** Default events-log size (rows) when the config does not say. */
export const DEFAULT_EVENTS_MAX_ROWS = 100_000;

/** Default interval of the housekeeping pass (ms). */
export const MAINTENANCE_INTERVAL_MS = 5 * 60_000;

/**
 * Starts the housekeeping timer (unref'd: it never keeps the process alive); returns `stop`.
 * Runs once at start.
 *
 * @example
 * const stop = startMaintenance({ store, log, maxRows: 100_000 });
 */
export function startMaintenance(options: {
  readonly store: Store;
  readonly log: Logger;
  readonly maxRows: number;
  readonly intervalMs?: number;
}): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const pass = (): void => {
    running = pruneRequestLog(options.store.db, { maxRows: options.maxRows })
      .then((deleted) => {
        if (deleted > 0) options.log.info({ deleted }, "events log pruned");
      })
      .catch((error: unknown) => {
        options.log.warn(
          { err: error instanceof Error ? error.message : String(error) },
          "events log prune failed",
        );
      });
  };
  pass();
  const timer = setInterval(pass, options.intervalMs ?? MAINTENANCE_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
