/**
 * Test-only: a small seeded PRNG (mulberry32) so workloads and kill instants replay exactly
 * for a seed.
 */

/** A deterministic source of randomness. */
export interface Prng {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
}

/**
 * A PRNG seeded with a 32-bit integer.
 *
 * @example
 * const random = createPrng(7);
 * random.int(1, 6); // the same value on every run for seed 7
 */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError("pick: empty array");
      return item;
    },
  };
}
