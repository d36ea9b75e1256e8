/**
 * Makes the in-process `fetch` honour `AbortSignal`s like a real `fetch`: it rejects with the
 * signal's reason (e.g. `TimeoutError` from `AbortSignal.timeout`) as soon as the signal fires,
 * while the request keeps running server-side, as it would on a real server.
 */

/**
 * Starts `start()` (unless `signal` already fired) and rejects early when `signal` aborts.
 *
 * @example
 * await abortable(() => handle(request), request.signal);
 */
export function abortable<T>(start: () => Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  const work = start();
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
