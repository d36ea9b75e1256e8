/**
 * Housekeeping of the events log: at engine start, and periodically while started, rows left
 * `sending` by a process that can no longer finish them become `outcome_unknown` (see
 * `store/request-log-sweep.ts` for what "provably abandoned" means with several processes on
 * one store); the periodic pass also applies the retention by size.
 */
import { DEFAULT_TIMEOUTS } from "@cwbridge/connectwise";
import type { Logger } from "pino";
import { pruneRequestLog } from "../store/request-log.js";
import { currentOwner, isPidAlive } from "../store/request-log-owner.js";
import { sweepAbandonedRequests } from "../store/request-log-sweep.js";
import type { Store } from "../store/open-store.js";

import { DEFAULT_EVENTS_MAX_ROWS } from "../config.js";

export { DEFAULT_EVENTS_MAX_ROWS };

/** Default interval of the housekeeping pass (ms). */
export const MAINTENANCE_INTERVAL_MS = 5 * 60_000;

/**
 * A `sending` row older than this is abandoned whoever owns it: the longest per-attempt client
 * timeout (120 s for writes) plus a 5-minute margin for clock skew between hosts and stalls.
 */
export const SENDING_STALE_AFTER_MS =
  Math.max(DEFAULT_TIMEOUTS.read, DEFAULT_TIMEOUTS.write) + 5 * 60_000;

/**
 * Settles the events-log rows abandoned by dead processes; returns how many. Never throws
 * (logs a warning): a failed sweep is retried by the next pass.
 *
 * @example
 * await sweepInFlightRequests(store, log); // at engine start, before the worker claims jobs
 */
export async function sweepInFlightRequests(
  store: Store,
  log: Logger,
  now: Date = new Date(),
): Promise<number> {
  try {
    const swept = await sweepAbandonedRequests(store.db, {
      now,
      staleAfterMs: SENDING_STALE_AFTER_MS,
      self: currentOwner(),
      isPidAlive,
    });
    if (swept > 0) log.warn({ swept }, "events log: requests in flight when an engine stopped");
    return swept;
  } catch (error) {
    log.warn(
      { err: error instanceof Error ? error.message : String(error) },
      "events log: in-flight sweep failed",
    );
    return 0;
  }
}

async function prune(store: Store, log: Logger, maxRows: number): Promise<void> {
  try {
    const deleted = await pruneRequestLog(store.db, { maxRows });
    if (deleted > 0) log.info({ deleted }, "events log pruned");
  } catch (error) {
    log.warn(
      { err: error instanceof Error ? error.message : String(error) },
      "events log prune failed",
    );
  }
}

/**
 * Starts the housekeeping timer (unref'd: it never keeps the process alive); returns `stop`.
 * Prunes once at start; the in-flight sweep waits for the first tick (the engine sweeps
 * before it starts the worker).
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
  const { store, log } = options;
  let running: Promise<void> = Promise.resolve();
  const pass = (sweep: boolean): void => {
    const swept = sweep ? sweepInFlightRequests(store, log) : Promise.resolve(0);
    running = swept.then(() => prune(store, log, options.maxRows));
  };
  pass(false);
  const timer = setInterval(() => pass(true), options.intervalMs ?? MAINTENANCE_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
