/**
 * The same client over a real socket: the emulator listening on 127.0.0.1 (port 0) and
 * Node's global `fetch` (undici, keep-alive). Discovery and auth, Link pagination with the
 * socket's origin, a write, a 429 Retry-After, and real connection resets (GET retried,
 * POST outcome unknown).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSeed } from "@cwbridge/connectwise-emulator";
import {
  ConnectWiseAuthError,
  ConnectWiseOutcomeUnknownError,
  type ConnectWiseOptions,
} from "../src/index.js";
import {
  apiRequests,
  demoEmulator,
  emulatorClient,
  rejectionOf,
} from "./support/emulator-client.js";

type Emulator = ReturnType<typeof demoEmulator>;

let emulator: Emulator;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  emulator = demoEmulator({ seed: demoSeed({ configurations: 2_500, prospects: 0 }) });
  server = await emulator.listen({ port: 0 });
});

afterAll(async () => {
  await server.close();
  await emulator.close();
});

function socketClient(overrides: Partial<ConnectWiseOptions> = {}) {
  // Loopback http needs no allowInsecure; global fetch is the real network stack.
  return emulatorClient(emulator, {
    site: server.url,
    fetch: globalThis.fetch,
    allowInsecure: false,
    throttle: { ratePerSecond: 10_000 },
    ...overrides,
  });
}

describe("over a real socket", () => {
  it("listens on a loopback port and discovers the codebase", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    emulator.ledger.clear();
    const cw = socketClient();
    expect((await cw.system.info()).isCloud).toBe(true);
    expect(await cw.codebase()).toBe(emulator.credentials.codebase);
    expect(emulator.ledger.requests().map((r) => r.path)).toEqual([
      "/login/companyinfo/demo",
      "/system/info",
    ]);
  });

  it("bad keys are a ConnectWiseAuthError", async () => {
    const cw = socketClient({ privateKey: "not-the-key" });
    const error = await rejectionOf(cw.companies.list());
    expect(error).toBeInstanceOf(ConnectWiseAuthError);
    expect(error).toMatchObject({ status: 401 });
  });

  it("pages with Link headers that carry the socket's origin", async () => {
    emulator.ledger.clear();
    const cw = socketClient();
    const urls: string[] = [];
    const linkCw = socketClient({
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const link = response.headers.get("link");
        if (link) urls.push(link);
        return response;
      },
    });
    const rows = await linkCw.configurations.all();
    expect(rows.map((r) => r.id)).toEqual(emulator.table("configurations").map((r) => r.id));
    expect(urls.length).toBe(3);
    expect(urls.every((link) => link.includes(`<${server.url}/`))).toBe(true);
    const forward = await cw.configurations.all({ mode: "forward-only", pageSize: 1000 });
    expect(forward.map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });

  it("writes: a created ticket is one change in the ledger", async () => {
    emulator.ledger.clear();
    const cw = socketClient();
    const ticket = await cw.tickets.create({ summary: "Over the wire", company: { id: 250 } });
    expect(emulator.ledger.changes().filter((c) => c.table === "tickets")).toMatchObject([
      { op: "create", id: ticket.id },
    ]);
  });

  it("waits out a 429 Retry-After", async () => {
    const cw = socketClient();
    await cw.codebase();
    emulator.setFaults({ rateLimit: { rps: 1, burst: 1, retryAfterSeconds: 1 } });
    emulator.ledger.clear();
    try {
      await cw.companies.get(250);
      await cw.companies.get(251);
    } finally {
      emulator.setFaults({});
    }
    const requests = apiRequests(emulator);
    expect(requests.map((r) => r.status)).toEqual([200, 429, 200]);
    expect(requests.some((r) => r.withinRetryAfter)).toBe(false);
  });

  it("a destroyed connection: GET retried, POST outcome unknown and not re-sent", async () => {
    const cw = socketClient({ retry: { baseDelayMs: 1, maxRetries: 8 } });
    await cw.codebase();
    emulator.ledger.clear();
    emulator.setFaults({ reset: { probability: 0.5 } });
    try {
      for (const id of [250, 251, 252, 253, 254, 255])
        expect((await cw.companies.get(id)).id).toBe(id);
      expect(apiRequests(emulator).some((r) => r.fault === "reset")).toBe(true);
      emulator.setFaults({ reset: { probability: 1 } });
      emulator.ledger.clear();
      const error = await rejectionOf(cw.tickets.create({ summary: "Lost", company: { id: 250 } }));
      expect(error).toBeInstanceOf(ConnectWiseOutcomeUnknownError);
      expect(apiRequests(emulator).map((r) => `${r.method} ${r.fault}`)).toEqual(["POST reset"]);
      expect(emulator.ledger.changes()).toEqual([]);
    } finally {
      emulator.setFaults({});
    }
  });
});
