/**
 * The throttle against the emulator: the concurrency cap holds at the server, a 429 halves
 * concurrency (AIMD) and stops all sending while its Retry-After runs, and concurrency climbs
 * back after successes; a 429 also lowers the request rate below the server's, so a server
 * limit under the configured rate costs one Retry-After window, not one per burst.
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

  it("a server rate below the configured one: the rate comes down under it after one 429 window", async () => {
    const emulator = demoEmulator({
      faults: { latencyMs: 10, rateLimit: { rps: 10, burst: 10, retryAfterSeconds: 1 } },
    });
    const cw = emulatorClient(emulator, {
      throttle: { maxConcurrent: 4, ratePerSecond: 20 },
    });
    await cw.codebase();
    emulator.ledger.clear();
    const companies = emulator.table("companies").map((c) => c.id);
    const ids = Array.from({ length: 40 }, (_, i) => companies[i % companies.length]!);
    const rows = await Promise.all(ids.map((id) => cw.companies.get(id)));
    expect(rows.map((r) => r.id)).toEqual(ids);
    const requests = apiRequests(emulator);
    // One window opened (the starting burst of 20 against the server's 10), none after it:
    // the rate went down to 9/s (halved, less 10 % headroom) instead of bursting 20 again.
    const windows = requests.filter((r) => r.status === 429 && !r.withinRetryAfter);
    expect(windows).toHaveLength(1);
    expect(cw.throttleStatus!().ratePerSecond).toBeLessThan(10);
    expect(requests.filter((r) => r.status === 200)).toHaveLength(40);
  });
});
