/**
 * Seed-generation helpers over the emulator's one deterministic PRNG (`../prng.ts`, mulberry32):
 * same seed, same data, no Math.random.
 */
import { createRandom } from "../prng.js";

/** Deterministic random helpers used by the seed builders. */
export interface SeedRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** `length` upper-case hex/alphanumeric characters (serial-number like). */
  code(length: number): string;
}

const CODE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

/**
 * Creates a mulberry32 generator seeded with a 32-bit integer.
 *
 * @example
 * const random = createSeedRandom(42);
 * random.int(1, 6); // the same value on every run for seed 42
 */
export function createSeedRandom(seed: number): SeedRandom {
  const random = createRandom(seed);
  const next = (): number => random.next();
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new RangeError("pick() needs a non-empty list");
      return item;
    },
    code(length: number): string {
      let out = "";
      for (let i = 0; i < length; i += 1) out += CODE_CHARS.charAt(int(0, CODE_CHARS.length - 1));
      return out;
    },
  };
}
