import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { migrateToLatest } from "./migrate.js";
import { nowIso } from "./now.js";
import {
  appendRequestLog,
  beginRequestLog,
  finishRequestLog,
  pruneRequestLog,
  queryRequestLog,
  type RequestLogEntry,
} from "./request-log.js";
import { currentOwner } from "./request-log-owner.js";
import { openTestStore, TEST_DIALECTS, type TestStore } from "./testing/test-stores.js";

function entry(i: number, overrides: Partial<RequestLogEntry> = {}): RequestLogEntry {
  return {
    at: nowIso(),
    connectionId: i % 2 === 0 ? "conn-a" : "conn-b",
    method: "GET",
    path: `/service/tickets/${i}`,
    status: i % 5 === 0 ? 500 : 200,
    latencyMs: i,
    attempt: 1,
    outcome: i % 5 === 0 ? "retry" : "ok",
    errorCode: null,
    jobId: null,
    cwRequestId: null,
    ...overrides,
  };
}

describe.each(TEST_DIALECTS)("request log on %s", (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
    await migrateToLatest(t.store);
  });
  afterAll(async () => {
    await t.cleanup();
  });
  beforeEach(async () => {
    await t.store.db.deleteFrom("request_log").execute();
  });

  it("appends and reads back camelCase entries in id order", async () => {
    await appendRequestLog(t.store.db, [entry(1), entry(2, { jobId: "42", cwRequestId: "rq" })]);
    await appendRequestLog(t.store.db, []);
    const rows = await queryRequestLog(t.store.db, { limit: 10 });
    expect(rows.map((r) => r.path)).toEqual(["/service/tickets/1", "/service/tickets/2"]);
    expect(rows[1]).toMatchObject({
      jobId: "42",
      cwRequestId: "rq",
      latencyMs: 2,
      connectionId: "conn-a",
    });
    expect(rows[0]!.id).toBeLessThan(rows[1]!.id);
  });

  it("filters by connection, status, outcome and sinceId", async () => {
    await appendRequestLog(
      t.store.db,
      Array.from({ length: 20 }, (_, i) => entry(i + 1)),
    );
    const all = await queryRequestLog(t.store.db, { limit: 100 });
    expect(all).toHaveLength(20);
    const a = await queryRequestLog(t.store.db, { connectionId: "conn-a", limit: 100 });
    expect(a.every((r) => r.connectionId === "conn-a")).toBe(true);
    expect(a).toHaveLength(10);
    expect(await queryRequestLog(t.store.db, { status: 500, limit: 100 })).toHaveLength(4);
    expect(await queryRequestLog(t.store.db, { outcome: "retry", limit: 100 })).toHaveLength(4);
    const after = await queryRequestLog(t.store.db, { sinceId: all[14]!.id, limit: 3 });
    expect(after.map((r) => r.id)).toEqual([all[15]!.id, all[16]!.id, all[17]!.id]);
    const recent = await queryRequestLog(t.store.db, { limit: 2 });
    expect(recent.map((r) => r.id)).toEqual([all[18]!.id, all[19]!.id]);
  });

  it("prunes by size, keeping the newest rows", async () => {
    await appendRequestLog(
      t.store.db,
      Array.from({ length: 30 }, (_, i) => entry(i + 1)),
    );
    expect(await pruneRequestLog(t.store.db, { maxRows: 100 })).toBe(0);
    expect(await pruneRequestLog(t.store.db, { maxRows: 10 })).toBe(20);
    const rest = await queryRequestLog(t.store.db, { limit: 100 });
    expect(rest.map((r) => r.latencyMs)).toEqual(Array.from({ length: 10 }, (_, i) => i + 21));
    expect(await pruneRequestLog(t.store.db, { maxRows: 0 })).toBe(10);
  });

  it("begins an attempt as a committed `sending` row, then finishes the same row", async () => {
    const id = await beginRequestLog(t.store.db, {
      at: nowIso(),
      connectionId: "conn-a",
      method: "POST",
      path: "/service/tickets",
      attempt: 1,
      jobId: "7",
      owner: currentOwner(),
    });
    expect(await queryRequestLog(t.store.db, { limit: 10 })).toEqual([
      expect.objectContaining({ id, outcome: "sending", status: null, cwRequestId: null }),
    ]);
    const row = await t.store.db
      .selectFrom("request_log")
      .select(["owner_host", "owner_pid"])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ owner_host: currentOwner().host, owner_pid: process.pid });
    await finishRequestLog(t.store.db, id, {
      status: 201,
      latencyMs: 84,
      attempt: 1,
      outcome: "ok",
      errorCode: null,
      cwRequestId: "rq-1",
    });
    expect(await queryRequestLog(t.store.db, { limit: 10 })).toEqual([
      expect.objectContaining({
        id,
        outcome: "ok",
        status: 201,
        latencyMs: 84,
        cwRequestId: "rq-1",
        jobId: "7",
      }),
    ]);
  });

  it("lets a late completion correct a row swept as outcome_unknown", async () => {
    const id = await beginRequestLog(t.store.db, {
      at: nowIso(),
      connectionId: null,
      method: "GET",
      path: "/system/info",
      attempt: 2,
      jobId: null,
      owner: currentOwner(),
    });
    await t.store.db
      .updateTable("request_log")
      .set({ outcome: "outcome_unknown", error_code: "CWB_ERR_ENGINE_STOPPED" })
      .execute();
    await finishRequestLog(t.store.db, id, {
      status: 500,
      latencyMs: 3,
      attempt: 2,
      outcome: "retry",
      errorCode: "CW_SERVER",
      cwRequestId: null,
    });
    expect(await queryRequestLog(t.store.db, { outcome: "retry", limit: 10 })).toHaveLength(1);
  });
});
