/**
 * A "this run" timestamp strictly after a previous one, so "rows not touched by this run" is
 * `stamp < current` even when two runs fall in the same millisecond.
 */

/**
 * `now`, or 1 ms after `previous` when `previous` is not earlier than `now` (ISO-8601 UTC text).
 *
 * @example
 * nextStamp("2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z") // "2026-01-01T00:00:00.001Z"
 */
export function nextStamp(previous: string | null | undefined, now: string): string {
  if (previous === null || previous === undefined || previous < now) return now;
  return new Date(Date.parse(previous) + 1).toISOString();
}
