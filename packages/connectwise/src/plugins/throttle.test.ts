import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { classifyResponse } from "../classify.js";
import { ConnectWiseRateLimitError, ConnectWiseServerError } from "../errors.js";
import type { RequestPriority } from "../types.js";
import { InMemoryLimiter, outcomeOf, throttleWrapper } from "./throttle.js";

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Acquires and records the order in which slots are granted. */
function track(limiter: InMemoryLimiter) {
  const granted: string[] = [];
  const take = (name: string, priority: RequestPriority = "normal", signal?: AbortSignal) =>
    limiter.acquire(priority, signal).then(() => void granted.push(name));
  return { granted, take };
}

describe("InMemoryLimiter", () => {
  it("caps concurrency and hands out slots as others finish", async () => {
    const limiter = new InMemoryLimiter({ maxConcurrent: 2, ratePerSecond: 1000 });
    const { granted, take } = track(limiter);
    void take("a");
    void take("b");
    void take("c");
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual(["a", "b"]);
    expect(limiter.status()).toMatchObject({ active: 2, queued: 1 });
    limiter.release({ kind: "success" });
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual(["a", "b", "c"]);
  });

  it("serves high priority before earlier normal and low requests", async () => {
    const limiter = new InMemoryLimiter({ maxConcurrent: 1, ratePerSecond: 1000 });
    const { granted, take } = track(limiter);
    void take("first");
    void take("low", "low");
    void take("bulk", "normal");
    void take("alert", "high");
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(0);
      limiter.release({ kind: "success" });
    }
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual(["first", "alert", "bulk", "low"]);
  });

  it("spaces requests with the token bucket", async () => {
    const limiter = new InMemoryLimiter({ maxConcurrent: 10, ratePerSecond: 2, burst: 2 });
    const { granted, take } = track(limiter);
    for (const name of ["a", "b", "c", "d"]) void take(name);
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual(["a", "b"]);
    await vi.advanceTimersByTimeAsync(499);
    expect(granted).toEqual(["a", "b"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toEqual(["a", "b", "c"]);
    await vi.advanceTimersByTimeAsync(500);
    expect(granted).toEqual(["a", "b", "c", "d"]);
  });

  it("halves concurrency once per 429 burst and sends nothing while Retry-After runs", async () => {
    const limiter = new InMemoryLimiter({ maxConcurrent: 4, ratePerSecond: 1000 });
    const { granted, take } = track(limiter);
    for (const name of ["a", "b", "c", "d", "e"]) void take(name);
    await vi.advanceTimersByTimeAsync(0);
    limiter.release({ kind: "rate-limited", retryAfterMs: 5000 });
    limiter.release({ kind: "rate-limited", retryAfterMs: 5000 });
    expect(limiter.status()).toEqual({
      concurrency: 2,
      active: 2,
      queued: 1,
      pausedUntil: 1_005_000,
      ratePerSecond: 450, // halved, less 10 % headroom (no observed rate yet)
    });
    limiter.release({ kind: "other" });
    limiter.release({ kind: "other" });
    await vi.advanceTimersByTimeAsync(4999);
    expect(granted).toEqual(["a", "b", "c", "d"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("floors at 1 and climbs back by one per N successes up to the cap", async () => {
    const limiter = new InMemoryLimiter({
      maxConcurrent: 3,
      ratePerSecond: 1000,
      increaseAfter: 2,
    });
    for (let i = 0; i < 3; i++) {
      await limiter.acquire("normal");
      limiter.release({ kind: "saturated" });
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(limiter.status().concurrency).toBe(1);
    for (let i = 0; i < 8; i++) {
      await limiter.acquire("normal");
      limiter.release({ kind: "success" });
    }
    expect(limiter.status().concurrency).toBe(3);
  });

  it("drops a queued request whose signal aborts", async () => {
    const limiter = new InMemoryLimiter({ maxConcurrent: 1, ratePerSecond: 1000 });
    await limiter.acquire("normal");
    const controller = new AbortController();
    const queued = limiter.acquire("normal", controller.signal);
    controller.abort();
    await expect(queued).rejects.toMatchObject({ code: "CW_ABORTED" });
    expect(limiter.status().queued).toBe(0);
  });

  it("grants a free slot at once (no queue): takes the slot and a token like the queue would", async () => {
    const limiter = new InMemoryLimiter({ maxConcurrent: 2, ratePerSecond: 1, burst: 1 });
    await limiter.acquire("low");
    expect(limiter.status()).toMatchObject({ active: 1, queued: 0 });
    const { granted, take } = track(limiter);
    void take("needs-a-token");
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([]); // the bucket is empty: the free slot alone is not enough
    expect(limiter.status().queued).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(granted).toEqual(["needs-a-token"]);
  });

  it("a free slot never lets a newcomer overtake queued requests", async () => {
    const limiter = new InMemoryLimiter({ maxConcurrent: 1, ratePerSecond: 1000 });
    const { granted, take } = track(limiter);
    await limiter.acquire("normal");
    void take("queued-low", "low");
    limiter.release({ kind: "success" }); // the slot goes to the queued request
    void take("newcomer-high", "high");
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual(["queued-low"]);
  });

  it("rejects an already-aborted signal even when a slot is free", async () => {
    const limiter = new InMemoryLimiter({ maxConcurrent: 4, ratePerSecond: 1000 });
    await expect(limiter.acquire("normal", AbortSignal.abort())).rejects.toMatchObject({
      code: "CW_ABORTED",
    });
    expect(limiter.status()).toMatchObject({ active: 0, queued: 0 });
  });

  it("validates its options", () => {
    expect(() => new InMemoryLimiter({ maxConcurrent: 0 })).toThrow(/throttle.maxConcurrent/);
  });
});

describe("outcomeOf", () => {
  const request = { method: "POST" as const, url: "https://h/x" };
  it.each([
    [
      new ConnectWiseRateLimitError({ message: "", retryAfterMs: 3 }),
      { kind: "rate-limited", retryAfterMs: 3 },
    ],
    [new ConnectWiseRateLimitError({ message: "" }), { kind: "rate-limited" }],
    [new ConnectWiseServerError({ message: "", isTimeout: true }), { kind: "saturated" }],
    [
      classifyResponse({
        request,
        idempotent: false,
        status: 504,
        headers: new Headers(),
        body: "",
      }),
      { kind: "saturated" },
    ],
    [new ConnectWiseServerError({ message: "", isTimeout: false }), { kind: "other" }],
    [new Error("x"), { kind: "other" }],
  ])("%#", (error, expected) => expect(outcomeOf(error)).toEqual(expected));
});

describe("throttleWrapper", () => {
  const request = {
    method: "GET" as const,
    path: "/x",
    idempotent: true,
    priority: "normal" as const,
    attempt: 1,
  };

  it("holds a slot for the duration of the request and reports the outcome", async () => {
    const limiter = new InMemoryLimiter({ maxConcurrent: 1, ratePerSecond: 1000 });
    const wrapper = throttleWrapper(limiter);
    const ok = { status: 200, headers: new Headers(), data: null, url: "" };
    let inFlight = 0;
    let peak = 0;
    const next = async () => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 10));
      inFlight--;
      return ok;
    };
    const all = Promise.all([
      wrapper(next, request),
      wrapper(next, request),
      wrapper(next, request),
    ]);
    await vi.advanceTimersByTimeAsync(100);
    await all;
    expect(peak).toBe(1);
    const failing = () =>
      Promise.reject(new ConnectWiseRateLimitError({ message: "", retryAfterMs: 50 }));
    await expect(wrapper(failing, request)).rejects.toMatchObject({ code: "CW_RATE_LIMITED" });
    expect(limiter.status().pausedUntil).toBe(Date.now() + 50);
  });

  it("releases the slot when next throws synchronously, and rejects", async () => {
    const limiter = new InMemoryLimiter({ maxConcurrent: 1, ratePerSecond: 1000 });
    const wrapper = throttleWrapper(limiter);
    const throwing = () => {
      throw new ConnectWiseServerError({ message: "boom", status: 500, isTimeout: false });
    };
    await expect(wrapper(throwing, request)).rejects.toMatchObject({ code: "CW_SERVER" });
    expect(limiter.status()).toMatchObject({ active: 0, queued: 0 });
  });

  it("works with a limiter that has no tryAcquire (acquire only)", async () => {
    const inner = new InMemoryLimiter({ maxConcurrent: 1, ratePerSecond: 1000 });
    const acquire = vi.fn((p: RequestPriority, s?: AbortSignal) => inner.acquire(p, s));
    const wrapper = throttleWrapper({ acquire, release: (o) => inner.release(o) });
    const ok = { status: 200, headers: new Headers(), data: 1, url: "" };
    await expect(wrapper(async () => ok, request)).resolves.toBe(ok);
    expect(acquire).toHaveBeenCalledTimes(1);
    expect(inner.status()).toMatchObject({ active: 0 });
  });

  it("a limiter whose acquire throws synchronously gives a rejection, not a throw", async () => {
    const wrapper = throttleWrapper({
      acquire: () => {
        throw new Error("limiter down");
      },
      release: () => undefined,
    });
    const next = vi.fn();
    await expect(wrapper(next, request)).rejects.toThrow("limiter down");
    expect(next).not.toHaveBeenCalled();
  });
});

describe("InMemoryLimiter.tryAcquire", () => {
  it("takes a free slot synchronously, and takes nothing when full or when others queue", async () => {
    const limiter = new InMemoryLimiter({ maxConcurrent: 1, ratePerSecond: 1000 });
    expect(limiter.tryAcquire("normal")).toBe(true);
    expect(limiter.status()).toMatchObject({ active: 1 });
    expect(limiter.tryAcquire("high")).toBe(false);
    const queued = limiter.acquire("low");
    expect(limiter.status()).toMatchObject({ active: 1, queued: 1 });
    limiter.release({ kind: "success" });
    await queued;
    limiter.release({ kind: "success" });
    expect(limiter.status()).toMatchObject({ active: 0, queued: 0 });
    const aborted = new AbortController();
    aborted.abort();
    expect(limiter.tryAcquire("normal", aborted.signal)).toBe(false);
    expect(limiter.status()).toMatchObject({ active: 0 });
  });
});
