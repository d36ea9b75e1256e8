/**
 * A promise-returning call whose synchronous throw becomes a rejection, as in an `async`
 * function, but without the extra `await` layer an `async` wrapper adds to the hot path.
 */

/**
 * `fn(a)` or `fn(a, b)`; a synchronous throw comes back as a rejected promise.
 *
 * @example
 * callAsync(next, request).then(onSent, onFailed); // `next` may throw before it returns a promise
 */
export function callAsync<A, R>(fn: (a: A) => Promise<R>, a: A): Promise<R>;
export function callAsync<A, B, R>(fn: (a: A, b: B) => Promise<R>, a: A, b: B): Promise<R>;
export function callAsync<A, B, R>(
  fn: (a: A, b: B | undefined) => Promise<R>,
  a: A,
  b?: B,
): Promise<R> {
  try {
    return fn(a, b);
  } catch (error) {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what was thrown, as an `async` function would
    return Promise.reject(error);
  }
}
