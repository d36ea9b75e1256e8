/**
 * The throttle's adaptive request rate, on a fake clock: a 429 lowers the bucket's rate toward
 * the rate observed to be sustainable (less headroom), the rate climbs back slowly, and the
 * bucket never goes above the configured rate; without 429s nothing changes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LimiterOutcome } from "./throttle.js";
import { InMemoryLimiter } from "./throttle.js";

const START = 1_000_000;
const SUCCESS: LimiterOutcome = { kind: "success" };

beforeEach(() => {
  vi.useFakeTimers({ now: START });
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * Callers that always have a request waiting (more than the concurrency cap), each request
 * answered at once: the bucket alone decides when requests go. Records each grant's time.
 */
function busyCallers(limiter: InMemoryLimiter, callers = 8) {
  const grants: number[] = [];
  let next: LimiterOutcome | undefined;
  let running = true;
  const caller = async (): Promise<void> => {
    while (running) {
      await limiter.acquire("normal");
      grants.push(Date.now());
      const outcome = next ?? SUCCESS;
      next = undefined;
      limiter.release(outcome);
    }
  };
  for (let i = 0; i < callers; i++) void caller();
  return {
    grants,
    /** Grants in [from, to) (ms since START). */
    between: (from: number, to: number) =>
      grants.filter((t) => t >= START + from && t < START + to).length,
    /** The next request to finish gets this outcome (e.g. a 429). */
    answerNext: (outcome: LimiterOutcome) => {
      next = outcome;
    },
    stop: () => {
      running = false;
    },
  };
}

const rateLimited = (retryAfterMs: number): LimiterOutcome => ({
  kind: "rate-limited",
  retryAfterMs,
});

describe("InMemoryLimiter adaptive rate", () => {
  it("a 429 lowers the request rate to the observed sustainable rate less headroom", async () => {
    const limiter = new InMemoryLimiter({ maxConcurrent: 4, ratePerSecond: 10, burst: 1 });
    const load = busyCallers(limiter);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(load.between(0, 10_000)).toBe(100); // 1 at once, then 10/s: the configured rate
    load.answerNext(rateLimited(2000));
    await vi.advanceTimersByTimeAsync(100); // the next request gets the 429
    expect(limiter.status().pausedUntil).toBeGreaterThan(Date.now());
    const resumed = Date.now() - START + 1900;
    await vi.advanceTimersByTimeAsync(1900 + 20_000);
    // 20 s after the pause, at ~8.9/s (+0.5/s per minute): ~181, where 10/s would give 200.
    const sent = load.between(resumed, resumed + 20_000);
    expect(sent).toBeGreaterThanOrEqual(175);
    expect(sent).toBeLessThanOrEqual(185);
    // 100 sent in 10 s, one of them from the starting burst: 9.9/s observed, less 10 %, and
    // 20 s of recovery at 0.5/s per minute.
    expect(limiter.status().ratePerSecond).toBeCloseTo(8.91 + 0.5 / 3, 1);
    load.stop();
  });

  it("recovers slowly (rateRecoveryPerMinute) and never goes above ratePerSecond", async () => {
    const limiter = new InMemoryLimiter({
      maxConcurrent: 4,
      ratePerSecond: 20,
      burst: 20,
      rateRecoveryPerMinute: 6,
    });
    const load = busyCallers(limiter);
    load.answerNext(rateLimited(5000)); // the very first request gets a 429
    const pauseEnd = 5000;
    await vi.advanceTimersByTimeAsync(pauseEnd + 60_000);
    const firstMinute = load.between(pauseEnd, pauseEnd + 60_000);
    // No success tells nothing about the server: the rate halves, less 10 % (9/s), then
    // climbs +6/s per minute: mean 12/s over that minute, plus the smaller bucket (9) after
    // the pause.
    expect(firstMinute).toBeGreaterThanOrEqual(12 * 60);
    expect(firstMinute).toBeLessThanOrEqual(12 * 60 + 10);
    expect(limiter.status().ratePerSecond).toBeCloseTo(15, 1);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(limiter.status().ratePerSecond).toBe(20); // back at the configured rate, not above
    const lastMinute = load.between(pauseEnd + 120_000, pauseEnd + 180_000);
    expect(lastMinute).toBeGreaterThanOrEqual(20 * 60 - 1);
    expect(lastMinute).toBeLessThanOrEqual(20 * 60 + 1);
    load.stop();
  });

  it("never sends more than the configured bucket allows, through 429s and recovery", async () => {
    const limiter = new InMemoryLimiter({
      maxConcurrent: 4,
      ratePerSecond: 10,
      burst: 10,
      rateRecoveryPerMinute: 60,
    });
    const load = busyCallers(limiter);
    for (const at of [3_000, 9_000, 20_000]) {
      await vi.advanceTimersByTimeAsync(at - (Date.now() - START));
      load.answerNext(rateLimited(1000));
    }
    await vi.advanceTimersByTimeAsync(90_000);
    expect(limiter.status().ratePerSecond).toBe(10);
    // No window of t seconds holds more than burst + ratePerSecond × t (+1 at its edge).
    for (const seconds of [1, 5, 20]) {
      for (let from = 0; from < 110_000; from += 250) {
        const sent = load.between(from, from + seconds * 1000);
        expect(sent, `${seconds} s from ${from} ms`).toBeLessThanOrEqual(10 + 10 * seconds + 1);
      }
    }
    // Once recovered, the rate itself is the configured one: 10/s over the last 20 s.
    expect(load.between(90_000, 110_000)).toBeGreaterThanOrEqual(199);
    expect(load.between(90_000, 110_000)).toBeLessThanOrEqual(201);
    load.stop();
  });

  it("a 429 right after the first burst: the burst's successes over its time plus a second", async () => {
    const limiter = new InMemoryLimiter({ maxConcurrent: 4, ratePerSecond: 40, burst: 40 });
    for (let i = 0; i < 22; i++) {
      await limiter.acquire("normal");
      limiter.release(SUCCESS);
    }
    await vi.advanceTimersByTimeAsync(100);
    await limiter.acquire("normal");
    limiter.release(rateLimited(5000));
    // 22 / 1.1 s = 20/s (as if the server's bucket held a second of its rate), less 10 %.
    expect(limiter.status().ratePerSecond).toBeCloseTo(18, 5);
  });

  it("lowers the rate once per back-off window, and not below minRatePerSecond", async () => {
    const limiter = new InMemoryLimiter({
      maxConcurrent: 8,
      ratePerSecond: 100,
      minRatePerSecond: 30,
    });
    for (let i = 0; i < 4; i++) await limiter.acquire("normal");
    for (let i = 0; i < 4; i++) limiter.release(rateLimited(1000)); // one burst of 429s
    expect(limiter.status().ratePerSecond).toBe(45);
    await vi.advanceTimersByTimeAsync(1000);
    await limiter.acquire("normal");
    limiter.release(rateLimited(1000)); // a new window
    expect(limiter.status().ratePerSecond).toBe(30); // 45 → 20.25, floored at 30
  });

  it("a saturated server (504, ConnectWise timeout) halves concurrency but keeps the rate", async () => {
    const limiter = new InMemoryLimiter({ maxConcurrent: 4, ratePerSecond: 20 });
    await limiter.acquire("normal");
    limiter.release({ kind: "saturated" });
    expect(limiter.status()).toMatchObject({ concurrency: 2, ratePerSecond: 20 });
  });

  it("without 429s the rate stays as configured (no slow-down after hours of successes)", async () => {
    const limiter = new InMemoryLimiter({ maxConcurrent: 4, ratePerSecond: 50, burst: 5 });
    const load = busyCallers(limiter);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(load.between(0, 60_000)).toBe(5 + 50 * 60 - 1);
    expect(limiter.status().ratePerSecond).toBe(50);
    load.stop();
  });

  it("validates the new options", () => {
    expect(() => new InMemoryLimiter({ ratePerSecond: 5, minRatePerSecond: 6 })).toThrow(
      /throttle.minRatePerSecond must not exceed throttle.ratePerSecond/,
    );
    expect(() => new InMemoryLimiter({ minRatePerSecond: 0 })).toThrow(/minRatePerSecond/);
    expect(() => new InMemoryLimiter({ rateHeadroom: 1 })).toThrow(/throttle.rateHeadroom/);
    expect(() => new InMemoryLimiter({ rateHeadroom: -0.1 })).toThrow(/throttle.rateHeadroom/);
    expect(() => new InMemoryLimiter({ rateRecoveryPerMinute: 0 })).toThrow(
      /throttle.rateRecoveryPerMinute/,
    );
    expect(new InMemoryLimiter({ rateHeadroom: 0 }).status().ratePerSecond).toBe(15);
  });
});
