/**
 * The throttle against the emulator: the concurrency cap holds at the server, a 429 halves
 * concurrency (AIMD) and stops all sending while its Retry-After runs, and concurrency climbs
 * back after successes.
 */
import { describe, expect, it } from "vitest";
import {
  apiRequests,
  concurrencyProbe,
  demoEmulator,
  emulatorClient,
} from "./support/emulator-client.js";

interface Start {
  readonly at: number;
  readonly inFlight: number;
  readonly concurrency: number | undefined;
}

describe("throttle", () => {
  it("never has more than maxConcurrent requests in flight at the emulator", async () => {
    const emulator = demoEmulator({ faults: { latencyMs: 15 } });
    const probe = concurrencyProbe(emulator.fetch);
    const cw = emulatorClient(emulator, {
      fetch: probe.fetch,
      throttle: { maxConcurrent: 3, ratePerSecond: 10_000 },
    });
    await cw.codebase();
    const ids = emulator
      .table("contacts")
      .slice(0, 24)
      .map((c) => c.id);
    const rows = await Promise.all(ids.map((id) => cw.contacts.get(id)));
    expect(rows.map((r) => r.id)).toEqual(ids);
    expect(probe.max()).toBe(3);
    expect(apiRequests(emulator)).toHaveLength(24);
  });

  it("the rate limit spaces requests out (ratePerSecond with a burst)", async () => {
    const emulator = demoEmulator();
    const cw = emulatorClient(emulator, {
      throttle: { maxConcurrent: 4, ratePerSecond: 20, burst: 5 },
    });
    await cw.codebase();
    const started = performance.now();
    await Promise.all(
      emulator
        .table("sites")
        .slice(0, 15)
        .map((s) => cw.companies.sites((s["company"] as { id: number }).id).get(s.id)),
    );
    // 5 at once, then 10 more at 20/s: at least ~450 ms.
    expect(performance.now() - started).toBeGreaterThanOrEqual(430);
    expect(apiRequests(emulator).filter((r) => r.status === 200)).toHaveLength(15);
  });

  it("a 429 halves concurrency and pauses all sending for the Retry-After; it climbs back later", async () => {
    const emulator = demoEmulator({
      faults: { latencyMs: 10, rateLimit: { rps: 4, burst: 6, retryAfterSeconds: 1 } },
    });
    const starts: Start[] = [];
    let inFlight = 0;
    const answered429: number[] = [];
    const cw = emulatorClient(emulator, {
      throttle: { maxConcurrent: 4, ratePerSecond: 10_000, increaseAfter: 3 },
      fetch: async (input, init) => {
        inFlight += 1;
        starts.push({
          at: performance.now(),
          inFlight,
          concurrency: cw.throttleStatus?.().concurrency,
        });
        try {
          const response = await emulator.fetch(input, init);
          if (response.status === 429) answered429.push(performance.now());
          return response;
        } finally {
          inFlight -= 1;
        }
      },
    });
    await cw.codebase();
    starts.length = 0;
    const ids = emulator
      .table("companies")
      .slice(0, 14)
      .map((c) => c.id);
    const rows = await Promise.all(ids.map((id) => cw.companies.get(id)));
    expect(rows.map((r) => r.id)).toEqual(ids);

    expect(answered429.length).toBeGreaterThan(0);
    const first429 = answered429[0]!;
    const before = starts.filter((s) => s.at < first429);
    const after = starts.filter((s) => s.at >= first429);
    expect(Math.max(...before.map((s) => s.inFlight))).toBe(4);
    // Nothing is sent while a server's 1 s window runs, after any 429 the client has seen.
    for (const t of answered429) {
      expect(starts.filter((s) => s.at >= t && s.at < t + 900)).toEqual([]);
    }
    // Halved: the first requests after the pause run at most 2 at a time.
    const resumed = after.slice(0, 3);
    expect(Math.max(...resumed.map((s) => s.concurrency ?? 99))).toBeLessThanOrEqual(2);
    expect(Math.max(...resumed.map((s) => s.inFlight))).toBeLessThanOrEqual(2);
    // Requests inside a window were all already in flight when its 429 came back.
    const inside = apiRequests(emulator).filter((r) => r.withinRetryAfter);
    expect(inside.length).toBeLessThan(answered429.length);
    // Additive increase: with the limit lifted, concurrency grows back (+1 per 3 successes).
    const lowest = cw.throttleStatus!().concurrency;
    expect(lowest).toBeLessThanOrEqual(2);
    emulator.setFaults({});
    for (const id of ids.slice(0, 9)) await cw.companies.get(id);
    expect(cw.throttleStatus!()).toMatchObject({
      concurrency: Math.min(4, lowest + 3),
      active: 0,
      queued: 0,
    });
  });
});
