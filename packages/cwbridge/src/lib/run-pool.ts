/**
 * A tiny promise pool: runs `fn` over items with at most `limit` in flight.
 */

/**
 * Runs `fn` for every item, `limit` at a time; never rejects (fn handles its own errors).
 *
 * @example
 * await runPool(creates, 8, (c) => createOne(c));
 */
export async function runPool<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
  shouldStop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !shouldStop()) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
