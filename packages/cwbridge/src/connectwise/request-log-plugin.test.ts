import type { RetryOptions } from "@cwbridge/connectwise";
import { createEmulator, type Emulator } from "@cwbridge/connectwise-emulator";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emulatorConnectionInput } from "../app/testing/test-app.js";
import { createSecretRegistry } from "../logger.js";
import { migrateToLatest } from "../store/migrate.js";
import { queryRequestLog, type StoredRequestLogEntry } from "../store/request-log.js";
import { openTestStore, TEST_DIALECTS, type TestStore } from "../store/testing/test-stores.js";
import { buildConnectionClient } from "./build-client.js";

describe.each(TEST_DIALECTS)("events-log rows of a client on %s", (kind) => {
  let t: TestStore;
  let emulator: Emulator;
  /** What the log held, read through the store, each time a request left for the emulator. */
  let seenAtSend: StoredRequestLogEntry[][];

  beforeEach(async () => {
    t = await openTestStore(kind);
    await migrateToLatest(t.store);
    emulator = createEmulator({ seed: "demo" });
    seenAtSend = [];
  });
  afterEach(async () => {
    await emulator.close();
    await t.cleanup();
  });

  /** `hold` runs after the log is read and before the request reaches the emulator. */
  function client(
    hold?: (url: string) => Promise<void>,
    retry: RetryOptions = { sleep: async () => undefined },
  ) {
    const { site, companyId, publicKey, privateKey, clientId } = emulatorConnectionInput(emulator);
    const observe: typeof fetch = async (request, init) => {
      seenAtSend.push(await queryRequestLog(t.store.db, { limit: 100 }));
      const url = request instanceof Request ? request.url : String(request);
      await hold?.(url);
      return emulator.fetch(request, init);
    };
    const spec = { site, companyId, publicKey, privateKey, clientId };
    return buildConnectionClient(
      { ...spec, connectionId: "conn-1", allowOnPrem: true, allowInsecure: true },
      {
        db: t.store.db,
        log: pino({ level: "silent" }),
        secrets: createSecretRegistry(),
        now: () => new Date(),
        fetch: observe,
        jobId: () => "job-1",
        tuning: { retry },
      },
    );
  }

  it("commits a `sending` row before each attempt leaves, then completes that row", async () => {
    const cw = client();
    await cw.system.info();
    // Codebase discovery, then the call: each was in the log, `sending`, when it left.
    expect(seenAtSend.map((rows) => rows.map((r) => r.outcome))).toEqual([
      ["sending"],
      ["ok", "sending"],
    ]);
    expect(seenAtSend[1]?.[1]).toMatchObject({ method: "GET", path: "/system/info", attempt: 1 });
    const rows = await queryRequestLog(t.store.db, { limit: 10 });
    const ledger = emulator.ledger.requests().filter((r) => r.path === "/system/info");
    expect(rows.map((r) => [r.path, r.outcome, r.jobId])).toEqual([
      ["/login/companyinfo/" + emulatorConnectionInput(emulator).companyId, "ok", "job-1"],
      ["/system/info", "ok", "job-1"],
    ]);
    expect(rows[1]).toMatchObject({ status: 200, cwRequestId: ledger[0]?.requestId });
  });

  it("logs every retry attempt on its own row, each `sending` when it left", async () => {
    const cw = client();
    await cw.system.info();
    emulator.setFaults({ serverTimeout: { probability: 1 } });
    await expect(cw.system.info()).rejects.toMatchObject({ code: "CW_SERVER" });
    const attempts = seenAtSend.slice(2);
    expect(attempts.map((rows) => rows.at(-1)?.outcome)).toEqual(Array(5).fill("sending"));
    const rows = (await queryRequestLog(t.store.db, { limit: 10 })).slice(2);
    expect(rows.map((r) => [r.attempt, r.outcome, r.status])).toEqual([
      [1, "retry", 500],
      [2, "retry", 500],
      [3, "retry", 500],
      [4, "retry", 500],
      [5, "error", 500],
    ]);
    expect(rows.every((r) => r.latencyMs >= 0 && r.cwRequestId !== null)).toBe(true);
  });

  it("logs the attempt the retry plugin gave up on (deadline) as `error`, not `retry`", async () => {
    // The next wait (jitter 0.5 × 1 s) would pass the 1 ms deadline: the plugin gives up after
    // attempt 1 although attempts remain; the row must say so.
    const cw = client(undefined, {
      sleep: async () => undefined,
      deadlineMs: 1,
      random: () => 0.5,
    });
    await cw.system.info();
    emulator.setFaults({ serverTimeout: { probability: 1 } });
    await expect(cw.system.info()).rejects.toMatchObject({ code: "CW_SERVER" });
    const rows = (await queryRequestLog(t.store.db, { limit: 10 })).slice(2);
    expect(rows.map((r) => [r.attempt, r.outcome, r.status])).toEqual([[1, "error", 500]]);
    expect(emulator.ledger.requests().filter((r) => r.path === "/system/info")).toHaveLength(2);
  });

  it("logs the last attempt `error` once maxRetries is used up", async () => {
    const cw = client(undefined, { sleep: async () => undefined, maxRetries: 1 });
    await cw.system.info();
    emulator.setFaults({ serverTimeout: { probability: 1 } });
    await expect(cw.system.info()).rejects.toMatchObject({ code: "CW_SERVER" });
    const rows = (await queryRequestLog(t.store.db, { limit: 10 })).slice(2);
    expect(rows.map((r) => [r.attempt, r.outcome])).toEqual([
      [1, "retry"],
      [2, "error"],
    ]);
  });

  it("completes each attempt's own row when identical requests are in flight at once", async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let arrived: () => void = () => undefined;
    const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
    let calls = 0;
    // Call 1 warms up; call 2 (first) is held until call 3 (second, identical) has completed,
    // then answered with the SQL-timeout 500; call 4 (first's retry) gets a 200.
    const cw = client(async (url) => {
      if (!url.includes("/system/info")) return;
      calls += 1;
      if (calls === 2) {
        arrived();
        await released;
        emulator.setFaults({ serverTimeout: { probability: 1 } });
      } else emulator.setFaults({});
    });
    await cw.system.info();
    const first = cw.system.info();
    await firstArrived;
    await cw.system.info();
    release();
    await first;

    const sent = (i: number) => seenAtSend[i]?.at(-1);
    expect([sent(2)?.outcome, sent(3)?.outcome, sent(4)?.outcome]).toEqual(
      Array(3).fill("sending"),
    );
    const ids = { first: sent(2)?.id, second: sent(3)?.id, retry: sent(4)?.id };
    expect(new Set(Object.values(ids)).size).toBe(3);
    const rows = await queryRequestLog(t.store.db, { limit: 10 });
    const row = (id: number | undefined) => rows.find((r) => r.id === id);
    const ledger = emulator.ledger.requests().filter((r) => r.path === "/system/info");
    expect(ledger.map((r) => r.status)).toEqual([200, 200, 500, 200]);
    expect(row(ids.second)).toMatchObject({
      attempt: 1,
      outcome: "ok",
      status: 200,
      cwRequestId: ledger[1]?.requestId,
    });
    expect(row(ids.first)).toMatchObject({
      attempt: 1,
      outcome: "retry",
      status: 500,
      errorCode: "CW_SERVER",
      cwRequestId: ledger[2]?.requestId,
    });
    expect(row(ids.retry)).toMatchObject({
      attempt: 2,
      outcome: "ok",
      status: 200,
      cwRequestId: ledger[3]?.requestId,
    });
    expect(rows.filter((r) => r.outcome === "sending")).toEqual([]);
    expect(rows).toHaveLength(5);
  });

  it("does not send a request the log cannot record", async () => {
    const cw = client();
    await cw.system.info();
    const sent = emulator.ledger.requests().length;
    await t.store.db.schema.dropTable("request_log").execute();
    await expect(cw.system.info()).rejects.toMatchObject({
      code: "CWB_ERR_EVENTS_LOG_UNAVAILABLE",
    });
    expect(emulator.ledger.requests()).toHaveLength(sent);
  });
});
