/**
 * Wall and CPU time of a batch of calls (CPU time is what machine load cannot inflate much).
 * The benchmark machine's kernel counts CPU time in 4 ms ticks, so the CPU time of a batch
 * shorter than a few hundred milliseconds is coarse.
 */

export interface BatchTime {
  /** Wall milliseconds per call. */
  readonly wallMs: number;
  /** Process CPU (user + system) milliseconds per call. */
  readonly cpuMs: number;
}

/**
 * Runs `fn` `n` times sequentially and returns the per-call wall and CPU time.
 *
 * @example
 * const { wallMs, cpuMs } = await timeBatch(100, () => cw.companies.get(250));
 */
export async function timeBatch(n: number, fn: () => Promise<unknown>): Promise<BatchTime> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < n; i += 1) await fn();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallMs: wall / n, cpuMs: (used.user + used.system) / 1000 / n };
}
