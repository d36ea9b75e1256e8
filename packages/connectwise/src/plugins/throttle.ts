/**
 * Throttle plugin: per-client concurrency cap + token bucket, adaptive (AIMD) on 429 and
 * saturation (504, ConnectWise timeout/pool 500s), a full stop while a Retry-After runs, and
 * priority lanes (`high` pre-empts `normal` and `low`). A 429 also lowers the bucket's rate
 * (`adaptive-rate.ts`), which then climbs back slowly; without 429s the rate stays as
 * configured.
 */
import { callAsync } from "../call-async.js";
import {
  ConnectWiseAbortError,
  ConnectWiseConfigError,
  ConnectWiseError,
  ConnectWiseRateLimitError,
  ConnectWiseServerError,
} from "../errors.js";
import type { Wrapper } from "../hooks.js";
import type { ConnectWisePlugin } from "../plugin.js";
import type { ConnectWiseResponse, RequestPriority } from "../types.js";
import { AdaptiveRate } from "./adaptive-rate.js";

/** How a request ended, as far as the limiter cares. */
export type LimiterOutcome =
  | { readonly kind: "success" }
  | { readonly kind: "rate-limited"; readonly retryAfterMs?: number }
  | { readonly kind: "saturated" }
  | { readonly kind: "other" };

/** A limiter the throttle wrapper uses; share one between clients of the same tenant. */
export interface RequestLimiter {
  acquire(priority: RequestPriority, signal?: AbortSignal): Promise<void>;
  release(outcome: LimiterOutcome): void;
  /**
   * Optional synchronous `acquire`: takes a slot and returns true when one is free right now
   * (nothing queued), else returns false and takes nothing (the caller then uses `acquire`).
   */
  tryAcquire?(priority: RequestPriority, signal?: AbortSignal): boolean;
}

/** Current state, for metrics and the UI. */
export interface ThrottleStatus {
  readonly concurrency: number;
  readonly active: number;
  readonly queued: number;
  /** Epoch ms until which nothing is sent (0 when not paused). */
  readonly pausedUntil: number;
  /** The request rate in force now (req/s): `ratePerSecond` until a 429 lowers it. */
  readonly ratePerSecond: number;
}

/** Options of the throttle plugin (`createConnectWise({ throttle: { ... } })`). */
export interface ThrottleOptions {
  /** Concurrency cap, and the starting concurrency; default 4. */
  readonly maxConcurrent?: number;
  /** Sustained request rate; default 15/s (ConnectWise throttles above ~1000/min). */
  readonly ratePerSecond?: number;
  /** Token bucket size; default `ratePerSecond`. */
  readonly burst?: number;
  /** Successes needed to raise concurrency by one; default 20. */
  readonly increaseAfter?: number;
  /** Pause after a 429 without a wait hint (ms); default 1000. */
  readonly defaultPauseMs?: number;
  /** Lowest rate a 429 can bring the bucket down to; default 1/s (or `ratePerSecond` if lower). */
  readonly minRatePerSecond?: number;
  /** Share kept below the rate observed to be sustainable when a 429 lowers the rate; default 0.1. */
  readonly rateHeadroom?: number;
  /** How fast the rate climbs back after a 429, in req/s per minute; default `ratePerSecond` / 20. */
  readonly rateRecoveryPerMinute?: number;
  /** Use this limiter instead of a new in-memory one. */
  readonly limiter?: RequestLimiter;
  /** Injectable clock (tests use fake timers). */
  readonly now?: () => number;
}

declare module "../options.js" {
  interface ConnectWiseOptions {
    /** Throttle plugin options, or `false` to disable it (used by `createConnectWise`). */
    readonly throttle?: ThrottleOptions | false;
  }
}

/** What the throttle plugin adds to the client. */
export interface ThrottleExtras {
  /** Limiter state (present while the throttle is on and owns an in-memory limiter). */
  readonly throttleStatus?: () => ThrottleStatus;
}

const RANK: Readonly<Record<RequestPriority, 0 | 1 | 2>> = { high: 0, normal: 1, low: 2 };

/** What `acquire` returns when a slot was free at once. */
const GRANTED: Promise<void> = Promise.resolve();

const SUCCESS: LimiterOutcome = { kind: "success" };

interface Waiter {
  readonly resolve: () => void;
}

/**
 * The in-memory limiter.
 *
 * @example
 * const limiter = new InMemoryLimiter({ maxConcurrent: 2, ratePerSecond: 5 });
 * await limiter.acquire("high"); try { ... } finally { limiter.release({ kind: "success" }); }
 */
export class InMemoryLimiter implements RequestLimiter {
  readonly #max: number;
  readonly #rate: AdaptiveRate;
  readonly #increaseAfter: number;
  readonly #defaultPauseMs: number;
  readonly #now: () => number;
  readonly #lanes: [Waiter[], Waiter[], Waiter[]] = [[], [], []];
  #concurrency: number;
  #active = 0;
  #successes = 0;
  #tokens: number;
  #refilledAt: number;
  #pausedUntil = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: Omit<ThrottleOptions, "limiter"> = {}) {
    this.#max = positive(options.maxConcurrent ?? 4, "maxConcurrent");
    const rate = positive(options.ratePerSecond ?? 15, "ratePerSecond");
    this.#increaseAfter = positive(options.increaseAfter ?? 20, "increaseAfter");
    this.#defaultPauseMs = options.defaultPauseMs ?? 1000;
    this.#now = options.now ?? Date.now;
    this.#concurrency = this.#max;
    this.#refilledAt = this.#now();
    this.#rate = new AdaptiveRate({
      ratePerSecond: rate,
      burst: positive(options.burst ?? rate, "burst"),
      minRatePerSecond: atMost(
        positive(options.minRatePerSecond ?? Math.min(1, rate), "minRatePerSecond"),
        rate,
        "minRatePerSecond",
      ),
      headroom: fraction(options.rateHeadroom ?? 0.1, "rateHeadroom"),
      recoveryPerMinute: positive(
        options.rateRecoveryPerMinute ?? rate / 20,
        "rateRecoveryPerMinute",
      ),
      now: this.#refilledAt,
    });
    this.#tokens = this.#rate.burstAt(this.#refilledAt);
  }

  status(): ThrottleStatus {
    const queued = this.#lanes.reduce((sum, lane) => sum + lane.length, 0);
    const pausedUntil = this.#pausedUntil > this.#now() ? this.#pausedUntil : 0;
    return {
      concurrency: this.#concurrency,
      active: this.#active,
      queued,
      pausedUntil,
      ratePerSecond: this.#rate.at(this.#now()),
    };
  }

  tryAcquire(_priority: RequestPriority, signal?: AbortSignal): boolean {
    return this.#tryTakeFreeSlot(signal);
  }

  acquire(priority: RequestPriority, signal?: AbortSignal): Promise<void> {
    if (this.#tryTakeFreeSlot(signal)) return GRANTED;
    return new Promise((resolve, reject) => {
      const lane = this.#lanes[RANK[priority]];
      const onAbort = (): void => {
        const index = lane.indexOf(waiter);
        if (index >= 0) lane.splice(index, 1);
        reject(new ConnectWiseAbortError({ message: "aborted by the caller while queued" }));
      };
      const waiter: Waiter = {
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      lane.push(waiter);
      this.#pump();
    });
  }

  release(outcome: LimiterOutcome): void {
    this.#active = Math.max(0, this.#active - 1);
    const now = this.#now();
    if (outcome.kind === "success") {
      this.#rate.succeeded(now);
      if (++this.#successes >= this.#increaseAfter) {
        this.#successes = 0;
        this.#concurrency = Math.min(this.#max, this.#concurrency + 1);
      }
    } else if (outcome.kind === "rate-limited" || outcome.kind === "saturated") {
      const pauseMs =
        outcome.kind === "rate-limited" ? (outcome.retryAfterMs ?? this.#defaultPauseMs) : 0;
      // One decrease per back-off window: a burst of concurrent 429s halves once.
      if (this.#pausedUntil <= now) {
        this.#concurrency = Math.max(1, Math.floor(this.#concurrency / 2));
        if (outcome.kind === "rate-limited") this.#lowerRate(now, pauseMs);
      }
      this.#successes = 0;
      this.#pausedUntil = Math.max(this.#pausedUntil, now + pauseMs);
    }
    this.#pump();
  }

  /**
   * The common case without a queue: nobody waiting, a free slot, no pause and a token in the
   * bucket. Takes the slot exactly as `#pump` would, without allocating a waiter.
   */
  #tryTakeFreeSlot(signal: AbortSignal | undefined): boolean {
    if (signal?.aborted || this.#active >= this.#concurrency) return false;
    const [high, normal, low] = this.#lanes;
    if (high.length > 0 || normal.length > 0 || low.length > 0) return false;
    const now = this.#now();
    if (Math.max(this.#pausedUntil - now, this.#tokenWaitMs(now)) > 0) return false;
    this.#tokens -= 1;
    this.#active += 1;
    return true;
  }

  #pump(): void {
    for (;;) {
      const lane = this.#lanes.find((waiting) => waiting.length > 0);
      if (!lane || this.#active >= this.#concurrency) return;
      const now = this.#now();
      const waitMs = Math.max(this.#pausedUntil - now, this.#tokenWaitMs(now));
      if (waitMs > 0) return this.#wake(waitMs);
      this.#tokens -= 1;
      this.#active += 1;
      lane.shift()?.resolve();
    }
  }

  /** A 429 opened a back-off window of `pauseMs`: the rate goes down, the bucket with it. */
  #lowerRate(now: number, pauseMs: number): void {
    this.#tokenWaitMs(now); // settle the bucket at the old rate first
    this.#tokens = this.#rate.lower(now, pauseMs, this.#tokens);
  }

  #tokenWaitMs(now: number): number {
    const rate = this.#rate.at(now);
    const refill = ((now - this.#refilledAt) * rate) / 1000;
    this.#tokens = Math.min(this.#rate.burstAt(now), this.#tokens + refill);
    this.#refilledAt = now;
    return this.#tokens >= 1 ? 0 : Math.ceil(((1 - this.#tokens) * 1000) / rate);
  }

  #wake(ms: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#pump();
    }, ms);
  }
}

/**
 * The limiter outcome of a failed request.
 *
 * @example
 * outcomeOf(new ConnectWiseRateLimitError({ message: "429", retryAfterMs: 5000 }));
 * // { kind: "rate-limited", retryAfterMs: 5000 }
 */
export function outcomeOf(error: unknown): LimiterOutcome {
  if (error instanceof ConnectWiseRateLimitError) {
    return error.retryAfterMs === undefined
      ? { kind: "rate-limited" }
      : { kind: "rate-limited", retryAfterMs: error.retryAfterMs };
  }
  const server =
    error instanceof ConnectWiseError && error.code === "CW_OUTCOME_UNKNOWN" ? error.cause : error;
  return server instanceof ConnectWiseServerError && server.isTimeout
    ? { kind: "saturated" }
    : { kind: "other" };
}

/**
 * The throttle wrapper: waits for a slot, reports the outcome.
 *
 * @example
 * core.hook.wrap(throttleWrapper(new InMemoryLimiter({ maxConcurrent: 2 })));
 */
export function throttleWrapper(limiter: RequestLimiter): Wrapper {
  const succeeded = (response: ConnectWiseResponse<unknown>): ConnectWiseResponse<unknown> => {
    limiter.release(SUCCESS);
    return response;
  };
  const failed = (error: unknown): never => {
    limiter.release(outcomeOf(error));
    throw error;
  };
  // Holds the slot from `acquire` until `next` settles (a synchronous throw included).
  const sendHolding: Wrapper = (next, request) => callAsync(next, request).then(succeeded, failed);
  const acquireThenSend: Wrapper = (next, request) => {
    // A free slot and token right now: no `await` layer for the wait.
    if (limiter.tryAcquire?.(request.priority, request.signal) === true) {
      return sendHolding(next, request);
    }
    return limiter.acquire(request.priority, request.signal).then(() => sendHolding(next, request));
  };
  return (next, request) => callAsync(acquireThenSend, next, request);
}

/**
 * The throttle plugin (installed by `createConnectWise` unless `throttle: false`); adds
 * `throttleStatus()` when it owns an in-memory limiter.
 *
 * @example
 * const cw = createConnectWise({ ...options, throttle: { maxConcurrent: 2, ratePerSecond: 5 } });
 * cw.throttleStatus?.(); // { concurrency: 2, active: 0, queued: 0, pausedUntil: 0 }
 */
export const throttle: ConnectWisePlugin<ThrottleExtras> = (client, options) => {
  if (options.throttle === false) return;
  const settings = options.throttle ?? {};
  const limiter = settings.limiter ?? new InMemoryLimiter(settings);
  client.hook.wrap(throttleWrapper(limiter));
  if (limiter instanceof InMemoryLimiter) return { throttleStatus: () => limiter.status() };
};

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new ConnectWiseConfigError(
      `ConnectWise options: throttle.${name} must be a positive number (got ${value}). Example: createConnectWise({ ..., throttle: { maxConcurrent: 4, ratePerSecond: 15 } })`,
    );
  }
  return value;
}

function atMost(value: number, ratePerSecond: number, name: string): number {
  if (value > ratePerSecond) {
    throw new ConnectWiseConfigError(
      `ConnectWise options: throttle.${name} must not exceed throttle.ratePerSecond (got ${value} > ${ratePerSecond}). Example: createConnectWise({ ..., throttle: { ratePerSecond: 15, minRatePerSecond: 1 } })`,
    );
  }
  return value;
}

function fraction(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0 || value >= 1) {
    throw new ConnectWiseConfigError(
      `ConnectWise options: throttle.${name} must be a number from 0 up to (not including) 1 (got ${value}). Example: createConnectWise({ ..., throttle: { rateHeadroom: 0.1 } })`,
    );
  }
  return value;
}
