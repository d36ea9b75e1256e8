import { describe, expect, it } from "vitest";
import { call, fixtureEmulator } from "./fixture.test-suite.js";

describe("fault injection", () => {
  it("rate limits with Retry-After seconds; setFaults at run time clears it", async () => {
    const emulator = fixtureEmulator({
      faults: { rateLimit: { probability: 1, retryAfterSeconds: 30 } },
    });
    const first = await call(emulator, "GET", "/service/tickets");
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("30");
    expect(first.body).toEqual({
      error: "ConnectWiseAPI",
      message: "Too many requests. Please try again in 30 seconds.",
    });
    expect(emulator.ledger.requests()[0]).toMatchObject({ status: 429, fault: "rate-limit" });
    emulator.setFaults({});
    expect((await call(emulator, "GET", "/service/tickets")).status).toBe(200);
  });

  it("marks requests that ignored a running Retry-After window", async () => {
    const emulator = fixtureEmulator({
      faults: { rateLimit: { rps: 1, burst: 1, retryAfterSeconds: 60 } },
    });
    expect((await call(emulator, "GET", "/system/info")).status).toBe(200);
    expect((await call(emulator, "GET", "/system/info")).status).toBe(429);
    expect((await call(emulator, "GET", "/system/info")).status).toBe(429);
    const faults = emulator.ledger.requests().map((r) => [r.status, r.fault, r.withinRetryAfter]);
    expect(faults).toEqual([
      [200, undefined, undefined],
      [429, "rate-limit", undefined],
      [429, "rate-limit", true],
    ]);
  });

  it("sends Retry-After as an HTTP date or only in the body", async () => {
    const dated = fixtureEmulator({
      faults: { rateLimit: { probability: 1, retryAfterSeconds: 2, format: "http-date" } },
    });
    const date = (await call(dated, "GET", "/system/info")).headers.get("retry-after") ?? "";
    expect(Number.isNaN(Date.parse(date))).toBe(false);
    expect(date).toMatch(/GMT$/);
    const bodyOnly = fixtureEmulator({
      faults: { rateLimit: { probability: 1, retryAfterSeconds: 7, format: "body" } },
    });
    const result = await call(bodyOnly, "GET", "/system/info");
    expect(result.headers.get("retry-after")).toBeNull();
    expect(result.body).toMatchObject({
      message: "Too many requests. Please try again in 7 seconds.",
    });
  });

  it("answers 500 SQL timeouts before anything changes", async () => {
    const emulator = fixtureEmulator({ faults: { serverTimeout: { probability: 1 } } });
    const result = await call(emulator, "POST", "/company/companies", {
      body: { identifier: "T", name: "T" },
    });
    expect(result.status).toBe(500);
    expect(result.body).toMatchObject({ code: "ConnectWiseApi", errors: null });
    expect((result.body as { message: string }).message).toContain(
      "The request timed out (SQL timeout)",
    );
    expect(emulator.ledger.changes()).toEqual([]);
    expect(emulator.ledger.requests()[0]).toMatchObject({ status: 500, fault: "server-timeout" });
  });

  it("commits then times out on writes (500, 504 or reset), visible in the ledger", async () => {
    const emulator = fixtureEmulator({
      faults: { commitThenTimeout: { probability: 1 } },
      randomSeed: 7,
    });
    const outcomes: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      try {
        const result = await call(emulator, "POST", "/service/tickets/100/notes", {
          body: { text: `note ${i}` },
        });
        outcomes.push(String(result.status));
      } catch (error) {
        outcomes.push((error as { cause?: { code?: string } }).cause?.code ?? "?");
      }
    }
    expect(new Set(outcomes)).toEqual(new Set(["500", "504", "ECONNRESET"]));
    expect(emulator.ledger.changes()).toHaveLength(12);
    expect(emulator.ledger.requests().every((r) => r.fault === "commit-then-timeout")).toBe(true);
    expect((await call(emulator, "GET", "/service/tickets/100/notes/count")).body).toEqual({
      count: 12,
    });
  });

  it("resets connections: in-process fetch throws TypeError('fetch failed') with ECONNRESET", async () => {
    const emulator = fixtureEmulator({ faults: { reset: { probability: 1 } } });
    const error = await call(emulator, "GET", "/system/info").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ message: "fetch failed", cause: { code: "ECONNRESET" } });
    expect(emulator.ledger.requests()[0]).toMatchObject({ fault: "reset", status: 0 });
  });

  it("is deterministic for a random seed", async () => {
    const run = async (): Promise<number[]> => {
      const emulator = fixtureEmulator({
        randomSeed: 42,
        faults: { serverTimeout: { probability: 0.5 } },
      });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1)
        statuses.push((await call(emulator, "GET", "/system/info")).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 500]));
  });

  it("adds latency per request and per row", async () => {
    const emulator = fixtureEmulator({ faults: { latencyMs: 30, latencyPerRowMs: 10 } });
    const started = performance.now();
    await call(emulator, "GET", "/company/companies");
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});
