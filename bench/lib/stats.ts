/** Small statistics and timing helpers for the benchmarks. */

/** The `p`-th percentile (0..100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

/** Runs `fn` `n` times one after the other; returns each duration (ms). */
export async function timeEach(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const started = performance.now();
    await fn(i);
    durations.push(performance.now() - started);
  }
  return durations;
}

/**
 * Runs `total` calls of `fn` with `concurrency` workers; returns the wall time (ms).
 *
 * @example
 * const ms = await runConcurrent(5000, 16, () => fetch(url).then((r) => r.text()));
 */
export async function runConcurrent(
  total: number,
  concurrency: number,
  fn: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next;
      next += 1;
      await fn(i);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - started;
}

/** Formats a number with a fixed number of decimals and thousands separators. */
export function fmt(value: number, decimals = 0): string {
  return value.toLocaleString("en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}
