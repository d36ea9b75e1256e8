/**
 * `Result` values for expected outcomes (Nango style): no exceptions for things that happen.
 */

/** Success or an expected failure. */
export type Result<T, E> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/**
 * A success value.
 *
 * @example
 * const r: Result<number, string> = ok(42);
 */
export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

/**
 * An expected failure.
 *
 * @example
 * const r: Result<number, string> = err("not found");
 */
export function err<E>(error: E): { readonly ok: false; readonly error: E } {
  return { ok: false, error };
}
