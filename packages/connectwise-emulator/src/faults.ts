/**
 * Fault injection driven by a seeded PRNG: connection resets, 429 rate limiting (probability
 * and/or a per-credential token bucket, Retry-After as seconds / HTTP date / body only /
 * mixed, and a server-side Retry-After window during which every request of that credential
 * gets 429 too), 500 SQL-timeout bodies before any change, and commit-then-timeout on writes.
 * Rate-limit windows and buckets run on real (monotonic) time, not the emulator clock, since
 * clients wait real time.
 */
import type { Random } from "./prng.js";
import type { FaultProfile } from "./types.js";

export type RetryAfterFormat = "seconds" | "http-date" | "body";

export type FaultDecision =
  | { readonly kind: "none" }
  | { readonly kind: "reset" }
  | { readonly kind: "server-timeout" }
  | {
      readonly kind: "rate-limit";
      readonly seconds: number;
      readonly format: RetryAfterFormat;
      /** True when the credential was still inside a Retry-After window it was given. */
      readonly withinRetryAfter: boolean;
    };

/** What a committed write answers with under `commitThenTimeout`. */
export type CommitFault = "timeout-500" | "gateway-504" | "reset";

export interface FaultInjector {
  set(profile: FaultProfile): void;
  profile(): FaultProfile;
  /** Decides the fault of a request before it is processed. */
  before(credential: string): FaultDecision;
  /** Decides (for a write about to run) whether it commits then fails, and how. */
  commitFault(): CommitFault | undefined;
}

interface Bucket {
  tokens: number;
  at: number;
}

const chance = (random: Random, probability: number | undefined): boolean =>
  probability !== undefined && probability > 0 && random.next() < probability;

function retrySeconds(
  random: Random,
  setting: number | readonly [number, number] | undefined,
): number {
  if (setting === undefined) return 1;
  if (typeof setting === "number") return Math.max(0, Math.round(setting));
  const [min, max] = setting;
  return Math.round(min + random.next() * (max - min));
}

function pickFormat(
  random: Random,
  format: RetryAfterFormat | "mixed" | undefined,
): RetryAfterFormat {
  if (format === "mixed")
    return (["seconds", "http-date", "body"] as const)[Math.floor(random.next() * 3)] ?? "seconds";
  return format ?? "seconds";
}

/**
 * A fault injector.
 *
 * @example
 * const faults = createFaultInjector(createRandom(1), { serverTimeout: { probability: 0.1 } });
 * faults.before("public-key"); // { kind: "none" } or { kind: "server-timeout" }
 */
export function createFaultInjector(
  random: Random,
  initial: FaultProfile = {},
  now: () => number = () => performance.now(),
): FaultInjector {
  let profile = initial;
  const blockedUntil = new Map<string, number>();
  const buckets = new Map<string, Bucket>();

  const bucketAllows = (credential: string): boolean => {
    const rps = profile.rateLimit?.rps;
    if (rps === undefined || rps <= 0) return true;
    const burst = profile.rateLimit?.burst ?? Math.max(1, rps);
    const t = now();
    const bucket = buckets.get(credential) ?? { tokens: burst, at: t };
    bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * rps);
    bucket.at = t;
    buckets.set(credential, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };

  const rateLimited = (credential: string): FaultDecision | undefined => {
    const rate = profile.rateLimit;
    if (!rate) return undefined;
    const until = blockedUntil.get(credential);
    const t = now();
    if (until !== undefined && t < until) {
      const seconds = Math.max(1, Math.ceil((until - t) / 1000));
      return {
        kind: "rate-limit",
        seconds,
        format: pickFormat(random, rate.format),
        withinRetryAfter: true,
      };
    }
    if (!chance(random, rate.probability) && bucketAllows(credential)) return undefined;
    const seconds = retrySeconds(random, rate.retryAfterSeconds);
    blockedUntil.set(credential, t + seconds * 1000);
    return {
      kind: "rate-limit",
      seconds,
      format: pickFormat(random, rate.format),
      withinRetryAfter: false,
    };
  };

  return {
    set(next) {
      profile = next;
      blockedUntil.clear();
      buckets.clear();
    },
    profile: () => profile,
    before(credential) {
      if (chance(random, profile.reset?.probability)) return { kind: "reset" };
      const limited = rateLimited(credential);
      if (limited) return limited;
      if (chance(random, profile.serverTimeout?.probability)) return { kind: "server-timeout" };
      return { kind: "none" };
    },
    commitFault() {
      if (!chance(random, profile.commitThenTimeout?.probability)) return undefined;
      return (
        (["timeout-500", "gateway-504", "reset"] as const)[Math.floor(random.next() * 3)] ??
        "timeout-500"
      );
    },
  };
}
