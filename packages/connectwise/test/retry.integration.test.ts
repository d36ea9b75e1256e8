/**
 * Retry paths with faults injected in the emulator, asserted from its ledger: 429 with
 * Retry-After as seconds / HTTP date / body message (the client waits out the server's
 * window: no request lands inside it), SQL-timeout 500s and resets on GETs are retried,
 * and a POST whose outcome is unknown (commit-then-timeout, reset) is never re-sent.
 */
import { describe, expect, it } from "vitest";
import {
  ConnectWiseConnectionError,
  ConnectWiseOutcomeUnknownError,
  ConnectWiseServerError,
} from "../src/index.js";
import {
  apiRequests,
  demoEmulator,
  emulatorClient,
  rejectionOf,
} from "./support/emulator-client.js";

const FAST = { throttle: { ratePerSecond: 10_000, maxConcurrent: 8 } } as const;
const NO_WAIT = { ...FAST, retry: { baseDelayMs: 1, maxRetries: 8 } } as const;

describe("429 with Retry-After", () => {
  for (const format of ["seconds", "http-date", "body"] as const) {
    it(`waits out a 1 s Retry-After given as ${format}, then succeeds`, async () => {
      // A 1-request bucket at 1 rps: the second call is throttled and opens a 1 s window.
      const emulator = demoEmulator({
        faults: { rateLimit: { rps: 1, burst: 1, retryAfterSeconds: 1, format } },
      });
      const cw = emulatorClient(emulator, FAST);
      expect((await cw.companies.get(250)).id).toBe(250);
      const started = performance.now();
      expect((await cw.companies.get(251)).id).toBe(251);
      const waited = performance.now() - started;

      const requests = apiRequests(emulator);
      expect(requests.map((r) => r.status)).toEqual([200, 429, 200]);
      expect(requests[1]?.fault).toBe("rate-limit");
      expect(requests.filter((r) => r.withinRetryAfter)).toEqual([]);
      expect(waited).toBeGreaterThanOrEqual(950);
      const gap = Date.parse(requests[2]!.at) - Date.parse(requests[1]!.at);
      expect(gap).toBeGreaterThanOrEqual(950);
    });
  }

  it("a POST that got a 429 is re-sent (it never reached the server) and creates once", async () => {
    const emulator = demoEmulator({
      faults: { rateLimit: { rps: 1, burst: 1, retryAfterSeconds: 1, format: "seconds" } },
    });
    const cw = emulatorClient(emulator, FAST);
    await cw.system.info();
    const ticket = await cw.tickets.create({ summary: "After a 429", company: { id: 250 } });
    expect(apiRequests(emulator).map((r) => `${r.method} ${r.status}`)).toEqual([
      "GET 200",
      "POST 429",
      "POST 201",
    ]);
    const creates = emulator.ledger
      .changes()
      .filter((c) => c.op === "create" && c.table === "tickets");
    expect(creates.map((c) => c.id)).toEqual([ticket.id]);
  });
});

describe("server timeouts and resets", () => {
  it("GETs answered with the SQL-timeout 500 are retried until they succeed", async () => {
    const emulator = demoEmulator({
      randomSeed: 7,
      faults: { serverTimeout: { probability: 0.5 } },
    });
    const cw = emulatorClient(emulator, NO_WAIT);
    const ids = emulator
      .table("companies")
      .slice(0, 10)
      .map((c) => c.id);
    for (const id of ids) expect((await cw.companies.get(id)).id).toBe(id);
    const requests = apiRequests(emulator);
    const faulted = requests.filter((r) => r.fault === "server-timeout");
    expect(faulted.length).toBeGreaterThan(0);
    expect(faulted.every((r) => r.status === 500)).toBe(true);
    expect(requests.filter((r) => r.status === 200).map((r) => r.path)).toEqual(
      ids.map((id) => `/company/companies/${id}`),
    );
    expect(requests).toHaveLength(ids.length + faulted.length);
  });

  it("GETs hit by a connection reset are retried", async () => {
    const emulator = demoEmulator({ randomSeed: 3, faults: { reset: { probability: 0.4 } } });
    const cw = emulatorClient(emulator, NO_WAIT);
    for (let page = 1; page <= 8; page += 1) {
      expect(await cw.contacts.list({ page, pageSize: 5 })).toHaveLength(5);
    }
    const requests = apiRequests(emulator);
    const resets = requests.filter((r) => r.fault === "reset");
    expect(resets.length).toBeGreaterThan(0);
    expect(requests.filter((r) => r.status === 200)).toHaveLength(8);
  });

  it("a replace-only PATCH is idempotent: retried after a SQL timeout", async () => {
    const emulator = demoEmulator({ randomSeed: 4 });
    const cw = emulatorClient(emulator, NO_WAIT);
    await cw.codebase();
    emulator.setFaults({ serverTimeout: { probability: 0.5 } });
    for (let i = 0; i < 10; i += 1) {
      await cw.tickets.patch(40001, [{ op: "replace", path: "summary", value: `Renamed ${i}` }]);
    }
    const requests = apiRequests(emulator);
    expect(requests.some((r) => r.fault === "server-timeout")).toBe(true);
    expect(requests.filter((r) => r.status === 200)).toHaveLength(10);
    expect(emulator.table("tickets").find((t) => t.id === 40001)?.["summary"]).toBe("Renamed 9");
  });
});

describe("writes whose outcome is unknown are never re-sent", () => {
  it("commit-then-timeout on POST (500 / 504 / reset): ConnectWiseOutcomeUnknownError, one create each", async () => {
    const emulator = demoEmulator({ randomSeed: 5 });
    const cw = emulatorClient(emulator, NO_WAIT);
    await cw.codebase();
    emulator.setFaults({ commitThenTimeout: { probability: 1 } });
    const seen = new Set<number>();
    for (let i = 0; i < 9; i += 1) {
      const error = await rejectionOf(
        cw.tickets.create({ summary: `Maybe created ${i}`, company: { id: 250 } }),
      );
      expect(error).toBeInstanceOf(ConnectWiseOutcomeUnknownError);
      const cause = (error as ConnectWiseOutcomeUnknownError).cause;
      expect(
        cause instanceof ConnectWiseServerError || cause instanceof ConnectWiseConnectionError,
      ).toBe(true);
      const posts = apiRequests(emulator).filter((r) => r.method === "POST");
      expect(posts).toHaveLength(i + 1);
      seen.add(posts.at(-1)!.status);
    }
    expect([...seen].sort()).toEqual([0, 500, 504]);
    const creates = emulator.ledger
      .changes()
      .filter((c) => c.table === "tickets" && c.op === "create");
    expect(creates.map((c) => c.after?.["summary"])).toEqual(
      Array.from({ length: 9 }, (_, i) => `Maybe created ${i}`),
    );
  });

  it("a reset on POST is outcome-unknown (sent: true), not re-sent, nothing created", async () => {
    const emulator = demoEmulator();
    const cw = emulatorClient(emulator, NO_WAIT);
    await cw.codebase();
    emulator.setFaults({ reset: { probability: 1 } });
    const error = await rejectionOf(
      cw.configurations.create({ name: "RESET-1", type: { id: 1 }, company: { id: 250 } }),
    );
    expect(error).toBeInstanceOf(ConnectWiseOutcomeUnknownError);
    expect((error as ConnectWiseOutcomeUnknownError).cause).toMatchObject({
      code: "CW_CONNECTION",
      sent: true,
    });
    expect(apiRequests(emulator).map((r) => `${r.method} ${r.fault}`)).toEqual(["POST reset"]);
    expect(emulator.ledger.changes()).toEqual([]);
  });

  it("a PATCH with an add operation is not idempotent: outcome unknown after commit-then-timeout", async () => {
    const emulator = demoEmulator({ randomSeed: 2 });
    const cw = emulatorClient(emulator, NO_WAIT);
    await cw.codebase();
    emulator.setFaults({ commitThenTimeout: { probability: 1 } });
    const error = await rejectionOf(
      cw.tickets.patch(40002, [{ op: "add", path: "poNumber", value: "PO-1" }]),
    );
    expect(error).toBeInstanceOf(ConnectWiseOutcomeUnknownError);
    expect(apiRequests(emulator).filter((r) => r.method === "PATCH")).toHaveLength(1);
    expect(emulator.ledger.changes().map((c) => `${c.op} ${c.table} ${c.id}`)).toEqual([
      "update tickets 40002",
    ]);
  });
});
