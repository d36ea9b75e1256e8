import { Migrator, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../migrate.js";
import { nowIso } from "../now.js";
import {
  appendRequestLog,
  beginRequestLog,
  queryRequestLog,
  type RequestLogEntry,
} from "../request-log.js";
import {
  dbBefore0007,
  openTestStore,
  TEST_DIALECTS,
  type TestStore,
} from "../testing/test-stores.js";
import { migrationsFor } from "./index.js";

function entry(i: number): RequestLogEntry {
  return {
    at: nowIso(),
    connectionId: "conn-a",
    method: "GET",
    path: `/service/tickets/${i}`,
    status: 200,
    latencyMs: i,
    attempt: 1,
    outcome: i === 2 ? "outcome_unknown" : "ok",
    errorCode: null,
    jobId: null,
    cwRequestId: `rq-${i}`,
  };
}
function row0002(i: number) {
  const e = entry(i);
  return {
    at: e.at,
    connection_id: e.connectionId,
    method: e.method,
    path: e.path,
    status: e.status,
    latency_ms: e.latencyMs,
    attempt: e.attempt,
    outcome: e.outcome,
    error_code: e.errorCode,
    job_id: e.jobId,
    cw_request_id: e.cwRequestId,
  };
}

/** Migrates a fresh store to 0002 only (the schema before this migration). */
async function migrateTo0002(t: TestStore): Promise<void> {
  const { "0001-init": init, "0002-devices-sync": devices } = migrationsFor(t.store.ops);
  if (init === undefined || devices === undefined) throw new Error("missing migrations");
  const db = t.store.db as Kysely<unknown>;
  const schema = await t.store.ops.migrationTableSchema(db);
  const migrator = new Migrator({
    db,
    provider: {
      getMigrations: async () => ({ "0001-init": init, "0002-devices-sync": devices }),
    },
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error;
}

describe.each(TEST_DIALECTS)("0003-request-log-in-flight on %s", (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
    await migrateTo0002(t);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("keeps every row and id, never reuses an id, and allows `sending`", async () => {
    // Rows as the 0002 schema has them (no tenant column yet: that is 0005's).
    await dbBefore0007(t.store)
      .insertInto("request_log")
      .values([1, 2, 3, 4].map(row0002))
      .execute();
    const before = await queryRequestLog(t.store.db, { limit: 10 });
    const newest = before.at(-1)?.id ?? 0;
    await t.store.db.deleteFrom("request_log").where("id", "=", newest).execute();
    // 0003 runs first, on top of 0002 (later migrations follow it).
    expect((await migrateToLatest(t.store)).applied[0]).toBe("0003-request-log-in-flight");
    // …and the rows from before tenants are the tenant `default`'s (0005).
    const tenants = await t.store.db.selectFrom("request_log").select("tenant").execute();
    expect(new Set(tenants.map((r) => r.tenant))).toEqual(new Set(["default"]));
    expect(await queryRequestLog(t.store.db, { limit: 10 })).toEqual(before.slice(0, 3));
    const id = await beginRequestLog(t.store.db, { ...entry(5), owner: { host: "h", pid: 1 } });
    expect(id).toBeGreaterThan(newest);
    await expect(
      appendRequestLog(t.store.db, [{ ...entry(6), outcome: "bogus" as "ok" }]),
    ).rejects.toThrow();
  });
});
