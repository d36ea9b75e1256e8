/**
 * The adaptive rate of the throttle's token bucket: AIMD on the request rate itself.
 *
 * - Decrease, on a 429 that opens a back-off window: down to the rate observed to be
 *   sustainable (the requests that succeeded since sending last resumed, beyond the bucket's
 *   starting burst, per second since the first of them succeeded, so that neither an idle
 *   start nor the request latency dilutes it), less `headroom`. Under a second of sending
 *   (typically the very first burst): the successes divided by that time plus one second, as
 *   if the server's bucket held one second of its rate. Never by more than half per window,
 *   never below `minRatePerSecond`.
 * - Recovery: from the end of that window the rate climbs back linearly by
 *   `recoveryPerMinute`, up to the configured `ratePerSecond`, which it never exceeds.
 * - The bucket size scales with the rate (`burst × rate / ratePerSecond`), so the burst after a
 *   pause stays in proportion to the lowered rate.
 *
 * Without a 429 the rate is `ratePerSecond` and the bucket `burst`, exactly as configured.
 */

/** Shortest sending interval whose paced successes are trusted as an observed rate. */
const MIN_SAMPLE_MS = 1000;
/** The server bucket assumed for a shorter interval (ms of its rate). */
const ASSUMED_BURST_MS = 1000;

/** What the adaptive rate starts from (all validated by the throttle). */
export interface AdaptiveRateSettings {
  /** The configured rate: the start, and the ceiling. */
  readonly ratePerSecond: number;
  /** The configured bucket size (at `ratePerSecond`). */
  readonly burst: number;
  readonly minRatePerSecond: number;
  /** Share kept below the observed sustainable rate, in [0, 1). */
  readonly headroom: number;
  /** Req/s regained per minute without a 429. */
  readonly recoveryPerMinute: number;
  /** Epoch ms of creation (the first observation interval starts here). */
  readonly now: number;
}

/**
 * The rate in force at a given time, lowered by 429s and recovering slowly.
 *
 * @example
 * const rate = new AdaptiveRate({ ratePerSecond: 40, burst: 40, minRatePerSecond: 1, headroom: 0.1, recoveryPerMinute: 2, now: 0 });
 * rate.lower(100, 5000, 0); // a 429 before any success: the rate halves, less headroom
 * rate.at(5100); // 18
 * rate.at(65_100); // 20 (+2 per minute)
 */
export class AdaptiveRate {
  readonly #ceiling: number;
  readonly #burst: number;
  readonly #floor: number;
  readonly #headroom: number;
  /** Req/s gained per ms. */
  readonly #recoveryPerMs: number;
  /** The rate at `#climbFrom`; the ceiling when not lowered. */
  #base: number;
  #climbFrom: number;
  /**
   * The observation interval: successes since `#sampleFrom` (the first at `#firstSuccessAt`),
   * and the burst it started with.
   */
  #sampleFrom: number;
  #sampleSuccesses = 0;
  #firstSuccessAt = 0;
  #sampleBurst: number;

  constructor(settings: AdaptiveRateSettings) {
    this.#ceiling = settings.ratePerSecond;
    this.#burst = settings.burst;
    this.#floor = settings.minRatePerSecond;
    this.#headroom = settings.headroom;
    this.#recoveryPerMs = settings.recoveryPerMinute / 60_000;
    this.#base = this.#ceiling;
    this.#climbFrom = settings.now;
    this.#sampleFrom = settings.now;
    this.#sampleBurst = settings.burst;
  }

  /** The rate (req/s) in force at `now`. */
  at(now: number): number {
    if (this.#base >= this.#ceiling) return this.#ceiling;
    const climbed = this.#base + this.#recoveryPerMs * Math.max(0, now - this.#climbFrom);
    if (climbed < this.#ceiling) return climbed;
    this.#base = this.#ceiling;
    return this.#ceiling;
  }

  /** The bucket size at `now`, in proportion to the rate in force. */
  burstAt(now: number): number {
    const rate = this.at(now);
    if (rate >= this.#ceiling) return this.#burst;
    return Math.max(Math.min(1, this.#burst), (this.#burst * rate) / this.#ceiling);
  }

  /** A request succeeded at `now` (counts toward the observed rate once sending resumed). */
  succeeded(now: number): void {
    if (now < this.#sampleFrom) return;
    if (this.#sampleSuccesses === 0) this.#firstSuccessAt = now;
    this.#sampleSuccesses += 1;
  }

  /**
   * A 429 at `now` opened a back-off window of `pauseMs`: lowers the rate, starts a new
   * observation interval at the window's end, and returns what is left of the bucket's
   * `tokens` under the smaller bucket.
   */
  lower(now: number, pauseMs: number, tokens: number): number {
    const current = this.at(now);
    const observed = this.#observed(now);
    const target = Math.min(current, Math.max(current / 2, observed));
    this.#base = Math.max(this.#floor, target * (1 - this.#headroom));
    this.#climbFrom = now + pauseMs;
    const burst = this.burstAt(this.#climbFrom);
    const left = Math.min(tokens, burst);
    this.#sampleFrom = now + pauseMs;
    this.#sampleSuccesses = 0;
    this.#sampleBurst = Math.min(burst, left + (this.#base * pauseMs) / 1000);
    return left;
  }

  /** The rate the server sustained in this interval, as far as its successes tell. */
  #observed(now: number): number {
    if (this.#sampleSuccesses === 0) return 0;
    const elapsed = now - this.#firstSuccessAt;
    if (elapsed < MIN_SAMPLE_MS) {
      return (this.#sampleSuccesses * 1000) / (elapsed + ASSUMED_BURST_MS);
    }
    const paced = this.#sampleSuccesses - this.#sampleBurst;
    return Math.max(0, (paced * 1000) / elapsed);
  }
}
