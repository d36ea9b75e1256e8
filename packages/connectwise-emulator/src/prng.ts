/**
 * A small deterministic PRNG (mulberry32) so fault injection replays exactly for a seed.
 */

/** A source of numbers in [0, 1). */
export interface Random {
  next(): number;
}

/**
 * mulberry32 seeded with a 32-bit integer.
 *
 * @example
 * const random = createRandom(1);
 * random.next(); // same value on every run for seed 1
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Hex string of `bytes` random bytes from `random` (deterministic keys). */
export function randomHex(random: Random, bytes: number): string {
  let out = "";
  for (let i = 0; i < bytes; i += 1) {
    out += Math.floor(random.next() * 256)
      .toString(16)
      .padStart(2, "0");
  }
  return out;
}
