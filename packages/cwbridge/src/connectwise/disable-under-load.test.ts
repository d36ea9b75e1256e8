/**
 * No writes after a disable (issue #7, item 3): the enable check is the last step before a
 * write leaves — after the throttle's queue and after any retry backoff — so once a disable
 * has committed (in this process or another), the only writes that can still reach
 * ConnectWise are the ones already past that check, at most one per throttle slot.
 *
 * What left the process is time-stamped at the transport (the fetch the engine calls, which
 * is the emulator's in-process server); the emulator's ledger confirms what it received.
 * `CWB_DISABLE_DEVICES` raises the device count of the load test (default 600).
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../app/testing/test-app.js";
import type { AppContext } from "../core/context.js";
import { disableConnection } from "../features/connections/toggle-connection.js";
import { tenantScope } from "../store/tenant-scope.js";

/** The same context over another store handle (its tenant-scoped handle too). */
function onStore(ctx: AppContext, store: Store): AppContext {
  return Object.create(ctx, {
    store: { value: store },
    scope: { value: tenantScope(store, ctx.tenant) },
  }) as AppContext;
}
import { pushDevices } from "../features/devices/push-devices.js";
import { createSyncFixture, makeDevices } from "../features/devices/testing/sync-fixture.js";
import { openStore, type Store, type StoreOptions } from "../store/open-store.js";
import { queryRequestLog } from "../store/request-log.js";
import { TEST_DIALECTS } from "../store/testing/test-stores.js";
import { isWriteRequest } from "./request-log-plugin.js";

const LATENCY_MS = 60;
const CAP = 8;
const DEVICES = Number(process.env["CWB_DISABLE_DEVICES"] ?? 600);
const noSleep = async (): Promise<void> => undefined;

/** Wall-clock epoch ms with sub-millisecond resolution (comparable across processes). */
const wallClock = (): number => performance.timeOrigin + performance.now();

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly sentAt: number;
  doneAt?: number;
}

/** A transport wrapper recording when each request left and when its answer came back. */
function wireRecorder(onWrite: () => void = () => undefined) {
  const sent: Sent[] = [];
  const wrap =
    (inner: typeof fetch): typeof fetch =>
    async (input, init) => {
      const url = new URL(
        typeof input === "string" ? input : input instanceof URL ? input : input.url,
      );
      const path = url.pathname.replace(/^\/[^/]+\/apis\/3\.0/i, "");
      const entry: Sent = {
        method: (init?.method ?? "GET").toUpperCase(),
        path,
        sentAt: wallClock(),
      };
      sent.push(entry);
      if (isWriteRequest(entry.method, path)) onWrite();
      try {
        return await inner(input, init);
      } finally {
        entry.doneAt = wallClock();
      }
    };
  const writes = (): Sent[] => sent.filter((s) => isWriteRequest(s.method, s.path));
  const reads = (): Sent[] => sent.filter((s) => !isWriteRequest(s.method, s.path));
  return { wrap, writes, reads };
}

const ledgerWrites = (t: TestApp) =>
  t.emulator.ledger.requests().filter((r) => isWriteRequest(r.method, r.path));

const plannedRows = async (t: TestApp) =>
  (await queryRequestLog(t.ctx.store.db, { connectionId: t.connectionId, limit: 10_000 })).filter(
    (r) => r.outcome === "planned",
  );

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** `connections disable <id>` in another OS process, run when `go()` is called. */
interface Toggler {
  go(): Promise<{ startedAt: number; doneAt: number }>;
  exited: Promise<number | null>;
  /** Ends the process if it is still running (a test that failed before `go`). */
  kill(): void;
}

const TOGGLER = fileURLToPath(new URL("../cli/testing/toggle-on-signal.ts", import.meta.url));

async function startDisabler(t: TestApp): Promise<Toggler> {
  const db: StoreOptions = t.storeOptions;
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ["--conditions=source", "--import", "tsx", TOGGLER, "disable", t.connectionId],
    {
      env: {
        PATH: process.env["PATH"] ?? "",
        HOME: process.env["HOME"] ?? "",
        CWBRIDGE_HOME: t.dataDir,
        DATABASE_URL: db.kind === "sqlite" ? `sqlite:${db.file}` : db.url,
        CWBRIDGE_LOG_LEVEL: "silent",
      },
    },
  );
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const line = await lines.next();
    if (line.done === true) throw new Error(`toggler exited: ${stderr}`);
    return line.value;
  };
  const first = await next().catch((error: unknown) => String(error));
  if (first !== "ready") {
    child.kill();
    throw new Error(`toggler did not start: ${first}`);
  }
  return {
    go: async () => {
      child.stdin.end("go\n");
      return JSON.parse(await next()) as { startedAt: number; doneAt: number };
    },
    exited,
    kill: () => {
      if (child.exitCode === null) child.kill();
    },
  };
}

describe.each(TEST_DIALECTS)("writes after a disable (%s)", (dialect) => {
  let t: TestApp | undefined;
  let other: Store | undefined;
  let disabler: Toggler | undefined;
  afterEach(async () => {
    disabler?.kill();
    disabler = undefined;
    await other?.close();
    await t?.close();
    other = undefined;
    t = undefined;
  });

  it("refuses the writes queued behind the throttle when another store handle disables the connection", async () => {
    let firstWriteLeft = (): void => undefined;
    const left = new Promise<void>((resolve) => (firstWriteLeft = resolve));
    const wire = wireRecorder(() => firstWriteLeft());
    t = await createTestApp({
      dialect,
      client: { retry: { sleep: noSleep }, throttle: { maxConcurrent: 1, ratePerSecond: 1000 } },
      wrapFetch: wire.wrap,
    });
    const engine = t;
    other = openStore(engine.storeOptions);
    const cw = await engine.ctx.clients.forConnection(engine.connectionId);
    await cw.system.info(); // codebase known
    engine.emulator.setFaults({ latencyMs: 150 });
    const company = engine.emulator.table("companies")[0];
    if (company === undefined) throw new Error("demo seed has companies");
    const rename = (i: number) =>
      cw.request("PATCH", `/company/companies/${company.id}`, {
        body: [{ op: "replace", path: "name", value: `Renamed ${i}` }],
      });
    const results = Promise.allSettled([1, 2, 3, 4, 5].map(rename));
    await left; // one write on the wire, four waiting for the throttle's only slot
    await disableConnection(onStore(engine.ctx, other), engine.connectionId);
    const settled = await results;

    expect(settled.map((r) => r.status)).toEqual([
      "fulfilled",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
    ]);
    for (const r of settled.slice(1)) {
      expect(r).toMatchObject({ reason: { code: "CWB_ERR_CONNECTION_DISABLED" } });
    }
    expect(wire.writes()).toHaveLength(1);
    expect(ledgerWrites(engine)).toHaveLength(1);
    expect(engine.emulator.table("companies")[0]?.["name"]).toBe("Renamed 1");
    const planned = await plannedRows(engine);
    expect(planned).toHaveLength(4);
    expect(planned[0]).toMatchObject({
      method: "PATCH",
      path: `/company/companies/${company.id}`,
      errorCode: "CWB_ERR_CONNECTION_DISABLED",
      attempt: 0,
      status: null,
    });
  });

  it("refuses the retry of a write when the connection was disabled during the backoff", async () => {
    const disableDuringBackoff = async (): Promise<void> => {
      if (t === undefined || other === undefined) throw new Error("engine not ready");
      t.emulator.setFaults({}); // a retry that leaves would now succeed
      await disableConnection(onStore(t.ctx, other), t.connectionId);
    };
    t = await createTestApp({
      dialect,
      client: { retry: { sleep: disableDuringBackoff }, throttle: { ratePerSecond: 1000 } },
    });
    const engine = t;
    other = openStore(engine.storeOptions);
    const cw = await engine.ctx.clients.forConnection(engine.connectionId);
    await cw.system.info();
    const company = engine.emulator.table("companies")[0];
    if (company === undefined) throw new Error("demo seed has companies");
    engine.emulator.setFaults({ reset: { probability: 1 } }); // attempt 1: connection reset

    await expect(
      cw.request("PATCH", `/company/companies/${company.id}`, {
        body: [{ op: "replace", path: "name", value: "Renamed" }],
      }),
    ).rejects.toMatchObject({ code: "CWB_ERR_CONNECTION_DISABLED" });
    expect(ledgerWrites(engine).map((r) => r.fault)).toEqual(["reset"]);
    expect(engine.emulator.table("companies")[0]?.["name"]).toBe(company["name"]);
    const rows = await queryRequestLog(engine.ctx.store.db, {
      connectionId: engine.connectionId,
      limit: 10,
    });
    expect(rows.filter((r) => r.method === "PATCH").map((r) => [r.attempt, r.outcome])).toEqual([
      [1, "retry"],
      [0, "planned"],
    ]);
  });

  const LEFT_AT_ONCE_MS = Math.max(4 * LATENCY_MS, 1_000);

  it(`lets no write leave once \`connections disable\` committed in another process, beyond the ${CAP} in flight (${DEVICES} devices, concurrency ${CAP}, ${LATENCY_MS} ms latency)`, async () => {
    const wire = wireRecorder();
    const f = await createSyncFixture(dialect, {
      start: false,
      client: {
        retry: { sleep: noSleep },
        throttle: { maxConcurrent: CAP, ratePerSecond: 10_000 },
      },
      wrapFetch: wire.wrap,
    });
    t = f.t;
    const engine = f.t;
    disabler = await startDisabler(engine);
    engine.emulator.setFaults({ latencyMs: LATENCY_MS });
    const half = Math.ceil(DEVICES / 2);
    const devices = [...makeDevices(half, "acme"), ...makeDevices(DEVICES - half, "globex")];
    await pushDevices(engine.ctx, f.sourceId, devices, { mode: "snapshot" });
    await engine.engine.start({ concurrency: CAP, pollMs: 10 });
    await until(() => wire.writes().length >= 5 * CAP); // the sync is in full swing

    const { doneAt: committed } = await disabler.go(); // the disable committed before this
    expect(await disabler.exited).toBe(0);
    await f.drain();
    const atDrain = wire.writes().length;
    await new Promise((resolve) => setTimeout(resolve, 300)); // the worker keeps polling
    const writes = wire.writes();
    expect(writes).toHaveLength(atDrain);
    expect(ledgerWrites(engine)).toHaveLength(writes.length);

    // Every write that left after the commit was past the check by then, holding a slot, as
    // was every request still on the wire: together no more than the concurrency cap.
    const inFlight = writes.filter((w) => (w.doneAt ?? Infinity) > committed);
    const readsOnWire = wire
      .reads()
      .filter((r) => r.sentAt <= committed && (r.doneAt ?? Infinity) > committed);
    expect(inFlight.length + readsOnWire.length).toBeLessThanOrEqual(CAP);
    // Those that left after it had only their events-log commit (an fsync) to finish: they
    // left at once, none later (the issue saw writes leave up to 1.5 s after the disable).
    // The bound leaves room for a loaded 2-core CI machine; the count above is the sharp check.
    const leftAfter = writes.filter((w) => w.sentAt > committed);
    for (const w of leftAfter) expect(w.sentAt - committed).toBeLessThan(LEFT_AT_ONCE_MS);

    expect(writes.length).toBeLessThan(DEVICES); // the disable stopped the sync midway
    expect((await plannedRows(engine)).length).toBeGreaterThan(0);
    expect(await engine.ctx.queue.stats()).toMatchObject({ failed: 0 });
  });
});
