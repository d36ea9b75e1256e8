/**
 * The one deterministic PRNG of the monorepo (mulberry32): seed data, fault injection and the
 * engine's crash and chaos harnesses replay exactly for a seed, with no Math.random. Exported
 * by the emulator package; the client package never imports it.
 */

/** Deterministic random helpers. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** `length` upper-case alphanumeric characters (serial-number like; no I or O). */
  code(length: number): string;
}

const CODE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

/**
 * A mulberry32 generator seeded with a 32-bit integer.
 *
 * @example
 * const random = createRandom(42);
 * random.int(1, 6); // the same value on every run for seed 42
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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

/** Hex string of `bytes` random bytes from `random` (deterministic keys). */
export function randomHex(random: Pick<Random, "next">, bytes: number): string {
  let out = "";
  for (let i = 0; i < bytes; i += 1) {
    out += Math.floor(random.next() * 256)
      .toString(16)
      .padStart(2, "0");
  }
  return out;
}
