/**
 * When to restart graphile-worker's runner after it ended on its own (pure). Restarts are
 * bounded: after {@link MAX_RESTARTS} restarts without a runner that lived
 * {@link STABLE_AFTER_MS}, the adapter gives up and fails loudly (see `graphile-worker-run.ts`).
 */

/** Restarts allowed in a row without a stable runner. */
export const MAX_RESTARTS = 5;
/** A runner that lived this long resets the count (ms). */
export const STABLE_AFTER_MS = 60_000;
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/**
 * Delay before restart number `attempt` (1-based): 0.5 s, 1 s, 2 s, 4 s, 8 s … capped at 30 s.
 *
 * @example
 * restartDelayMs(1); // 500
 */
export function restartDelayMs(attempt: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt - 1));
}

/**
 * The restart count after a runner that lived `livedMs` ended: reset when it was stable.
 *
 * @example
 * nextAttempt(3, 120_000); // 1
 */
export function nextAttempt(previous: number, livedMs: number): number {
  return livedMs >= STABLE_AFTER_MS ? 1 : previous + 1;
}
