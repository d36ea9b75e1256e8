/**
 * Retry delays: exponential, capped.
 */

/** Backoff settings, in milliseconds. */
export interface BackoffOptions {
  /** Delay unit. Default 1000. */
  readonly baseMs: number;
  /** Upper bound. Default 10 minutes. */
  readonly maxMs: number;
}

/** Defaults for production use. */
export const DEFAULT_BACKOFF = { baseMs: 1000, maxMs: 10 * 60_000 } satisfies BackoffOptions;

/**
 * Delay before the next run after `attempts` failed runs: `min(maxMs, baseMs * 2^attempts)`.
 *
 * @example
 * retryDelayMs(1, { baseMs: 1000, maxMs: 600_000 }) // 2000
 */
export function retryDelayMs(attempts: number, options: BackoffOptions): number {
  return Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempts, 30));
}
