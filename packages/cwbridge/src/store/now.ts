/**
 * Timestamps are stored as ISO-8601 UTC text (`2026-11-22T05:17:18.000Z`): fixed width, so
 * text comparison is time comparison on both dialects.
 */

/**
 * The current time as stored by the store.
 *
 * @example
 * db.updateTable("sources").set({ updated_at: nowIso() })
 */
export function nowIso(): string {
  return new Date().toISOString();
}

/**
 * A date as stored by the store.
 *
 * @example
 * toIso(new Date(Date.now() + 60_000)) // "2026-11-22T05:18:18.000Z"
 */
export function toIso(date: Date): string {
  return date.toISOString();
}

/**
 * The timestamp `ms` milliseconds from now (negative for the past).
 *
 * @example
 * isoIn(-60_000) // one minute ago
 */
export function isoIn(ms: number): string {
  return new Date(Date.now() + ms).toISOString();
}
