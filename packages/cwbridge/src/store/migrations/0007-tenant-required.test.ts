/**
 * 0007 on a database that 0001–0006 made and filled (two tenants, a row in every table): every
 * row, index, constraint and autoincrement sequence survives; an insert without a tenant is
 * refused on every table; kv holds one value per (tenant, key).
 */
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getKv, setKv } from "../kv.js";
import { tenantDb } from "../tenant-scope.js";
import {
  dbBefore0007,
  migrateBefore,
  openTestStore,
  TEST_DIALECTS,
  type TestStore,
} from "../testing/test-stores.js";
import { TENANT_TABLES } from "./0005-tenants.js";
import { rebuiltDdl } from "./0007-tenant-required.js";

const NOW = "2026-01-01T00:00:00.000Z";
type Raw = Kysely<Record<string, Record<string, unknown>>>;

/** One row in every table for `tenant` (`undefined`: left to 0005's default, i.e. `default`). */
async function fill(t: TestStore, n: number, tenant?: string): Promise<void> {
  const db = dbBefore0007(t.store);
  const own = tenant === undefined ? {} : { tenant };
  const [conn, src] = [`c${n}`, `s${n}`];
  await db
    .insertInto("connections")
    .values({
      ...own,
      id: conn,
      name: "acme",
      site: "na",
      company_id: "acme",
      public_key: "pub",
      private_key_enc: "enc",
      client_id: "cid",
      api_version: "2025.16",
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  await db
    .insertInto("sources")
    .values({
      ...own,
      id: src,
      name: "rmm",
      kind: "generic",
      connection_id: conn,
      token_hash: `h${n}`,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  await db
    .insertInto("customers")
    .values({ ...own, source_id: src, external_id: "x1", name: "Acme", updated_at: NOW })
    .execute();
  await db
    .insertInto("cw_companies")
    .values({
      ...own,
      connection_id: conn,
      cw_id: 7,
      identifier: "ACME",
      name: "Acme",
      fetched_at: NOW,
    })
    .execute();
  await db
    .insertInto("mappings")
    .values({
      ...own,
      source_id: src,
      customer_external_id: "x1",
      connection_id: conn,
      cw_company_id: 7,
      method: "identifier",
      updated_at: NOW,
    })
    .execute();
  await db
    .insertInto("devices")
    .values({
      ...own,
      source_id: src,
      external_id: "d1",
      customer_external_id: "x1",
      data_json: "{}",
      content_hash: "h",
      last_seen_at: NOW,
      updated_at: NOW,
    })
    .execute();
  await db
    .insertInto("config_types")
    .values({ ...own, connection_id: conn, kind: "type", name: "Server", cw_id: 3 })
    .execute();
  await db
    .insertInto("incidents")
    .values({
      ...own,
      key: `i${n}`,
      source_id: src,
      connection_id: conn,
      external_xref: `xref-${n}`,
      state: "open",
      summary: "down",
      opened_at: NOW,
      updated_at: NOW,
    })
    .execute();
  await db
    .insertInto("inbound_events")
    .values({ ...own, source_id: src, event_id: "e1", payload_hash: "p", received_at: NOW })
    .execute();
  await db
    .insertInto("routing_rules")
    .values({
      ...own,
      id: `r${n}`,
      source_id: src,
      position: 0,
      match_json: "{}",
      target_json: "{}",
      created_at: NOW,
    })
    .execute();
  for (const i of [1, 2]) {
    await db
      .insertInto("request_log")
      .values({
        ...own,
        at: NOW,
        connection_id: conn,
        method: "GET",
        path: `/system/info/${i}`,
        latency_ms: 1,
        attempt: 1,
        outcome: "ok",
      })
      .execute();
    await db
      .insertInto("jobs")
      .values({
        ...own,
        kind: "k",
        payload_json: "{}",
        key: `job-${n}-${i}`,
        priority: 0,
        run_at: NOW,
        max_attempts: 3,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
  }
  await db
    .insertInto("kv")
    .values({ ...own, key: `only-${n}`, value: `v${n}` })
    .execute();
}

/** Every row of every table, as sorted JSON lines. */
async function dump(t: TestStore): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of TENANT_TABLES) {
    const rows = await (t.store.db as unknown as Raw).selectFrom(table).selectAll().execute();
    out[table] = rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
  }
  return out;
}

/** The schema's indexes (name → DDL), and on SQLite its tables' DDL too. */
async function schemaObjects(t: TestStore): Promise<Record<string, string>> {
  const db = t.store.db;
  if (t.store.dialect === "sqlite") {
    const rows = await sql<{ type: string; name: string; sql: string | null }>`
      select type, name, sql from sqlite_master
      where type in ('index', 'table') and name not like 'kysely_%'
        and name not like 'sqlite_autoindex_kysely%'`.execute(db);
    return Object.fromEntries(rows.rows.map((r) => [`${r.type} ${r.name}`, r.sql ?? "(auto)"]));
  }
  const rows = await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes
    where schemaname = current_schema() and tablename not like 'kysely_%'`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [`index ${r.indexname}`, r.indexdef]));
}

async function highestIds(t: TestStore): Promise<{ jobs: number; request_log: number }> {
  const max = async (table: "jobs" | "request_log") => {
    const row = await t.store.db
      .selectFrom(table)
      .select((eb) => eb.fn.max("id").as("id"))
      .executeTakeFirstOrThrow();
    return Number(row.id);
  };
  return { jobs: await max("jobs"), request_log: await max("request_log") };
}

describe.each(TEST_DIALECTS)("0007-tenant-required on %s", (kind) => {
  let t: TestStore;
  let before: Record<string, string[]>;
  let objectsBefore: Record<string, string>;
  let idsBefore: { jobs: number; request_log: number };

  beforeAll(async () => {
    t = await openTestStore(kind);
    await migrateBefore(t.store, "0007");
    await fill(t, 1);
    await fill(t, 2, "beta");
    idsBefore = await highestIds(t);
    // The newest job and request are gone (done, pruned): their ids must never come back.
    await t.store.db.deleteFrom("jobs").where("id", "=", idsBefore.jobs).execute();
    await t.store.db.deleteFrom("request_log").where("id", "=", idsBefore.request_log).execute();
    before = await dump(t);
    objectsBefore = await schemaObjects(t);
    // Up to 0007 only: later migrations add their own tables.
    expect(await migrateBefore(t.store, "0008")).toEqual(["0007-tenant-required"]);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("keeps every row of every table, the old ones in the tenant `default`", async () => {
    expect(await dump(t)).toEqual(before);
    const tenants = await t.store.db.selectFrom("connections").select(["id", "tenant"]).execute();
    expect(tenants.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: "c1", tenant: "default" },
      { id: "c2", tenant: "beta" },
    ]);
  });

  it("keeps every index and constraint; only the tenant default and kv's key change", async () => {
    const after = await schemaObjects(t);
    if (kind === "sqlite") {
      const expected = { ...objectsBefore };
      for (const table of TENANT_TABLES) {
        const ddl = expected[`table ${table}`] ?? "";
        expected[`table ${table}`] = rebuiltDdl(table, ddl).replace(`${table}_0007`, table);
      }
      expect(after).toEqual(expected);
      expect(after["table kv"]).toContain(`constraint "kv_pk" primary key ("tenant", "key")`);
      expect(after["table jobs"]).toContain(`"tenant" text not null`);
    } else {
      const { "index kv_pkey": old, ...rest } = objectsBefore;
      expect(old).toContain("(key)");
      expect(after).toEqual({
        ...rest,
        "index kv_pk": expect.stringContaining("(tenant, key)"),
      });
    }
  });

  it("leaves the tenant column of every table NOT NULL without a default", async () => {
    const db = t.store.db;
    const columns =
      kind === "sqlite"
        ? await sql<{ table: string; nullable: number; dflt: string | null }>`
            select m.name as "table", 1 - p."notnull" as nullable, p.dflt_value as dflt
            from sqlite_master m join pragma_table_info(m.name) p
            where m.type = 'table' and p.name = 'tenant'`.execute(db)
        : await sql<{ table: string; nullable: number; dflt: string | null }>`
            select table_name as "table", case is_nullable when 'YES' then 1 else 0 end as nullable,
              column_default as dflt
            from information_schema.columns
            where table_schema = current_schema() and column_name = 'tenant'`.execute(db);
    const byTable = Object.fromEntries(columns.rows.map((r) => [r.table, r]));
    for (const table of TENANT_TABLES) {
      expect(byTable[table], table).toEqual({ table, nullable: 0, dflt: null });
    }
  });

  it("refuses a raw insert that does not give the tenant, and changes nothing", async () => {
    const raw = dbBefore0007(t.store);
    await expect(raw.insertInto("kv").values({ key: "k", value: "v" }).execute()).rejects.toThrow();
    await expect(
      raw
        .insertInto("routing_rules")
        .values({ id: "r9", position: 1, match_json: "{}", target_json: "{}", created_at: NOW })
        .execute(),
    ).rejects.toThrow();
    await expect(
      raw
        .insertInto("jobs")
        .values({
          kind: "k",
          payload_json: "{}",
          priority: 0,
          run_at: NOW,
          max_attempts: 3,
          created_at: NOW,
          updated_at: NOW,
        })
        .execute(),
    ).rejects.toThrow();
    expect(await dump(t)).toEqual(before);
  });

  it("never reuses an id of jobs or request_log (the sequences are kept)", async () => {
    const db = t.store.db;
    const job = await db
      .insertInto("jobs")
      .values({
        tenant: "default",
        kind: "k",
        payload_json: "{}",
        priority: 0,
        run_at: NOW,
        max_attempts: 3,
        created_at: NOW,
        updated_at: NOW,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(Number(job.id)).toBeGreaterThan(idsBefore.jobs);
    const request = await db
      .insertInto("request_log")
      .values({
        tenant: "default",
        at: NOW,
        connection_id: null,
        method: "GET",
        path: "/x",
        status: null,
        latency_ms: 0,
        attempt: 1,
        outcome: "ok",
        error_code: null,
        job_id: null,
        cw_request_id: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(Number(request.id)).toBeGreaterThan(idsBefore.request_log);
    await db.deleteFrom("jobs").where("id", "=", job.id).execute();
    await db.deleteFrom("request_log").where("id", "=", request.id).execute();
  });

  it("holds one kv value per tenant under the same key; an upsert replaces only its own", async () => {
    const a = tenantDb(t.store.db, "default");
    const b = tenantDb(t.store.db, "beta");
    await setKv(a, "shared", "in-default");
    await setKv(b, "shared", "in-beta");
    expect(await getKv(a, "shared")).toBe("in-default");
    expect(await getKv(b, "shared")).toBe("in-beta");
    await setKv(b, "shared", "in-beta-2");
    expect(await getKv(a, "shared")).toBe("in-default");
    expect(await getKv(b, "shared")).toBe("in-beta-2");
    await expect(
      t.store.db.insertInto("kv").values({ tenant: "beta", key: "shared", value: "x" }).execute(),
    ).rejects.toThrow();
  });

  it("keeps the foreign keys working across the rebuilt tables (cascade, set null)", async () => {
    const db = t.store.db;
    await expect(db.deleteFrom("connections").where("id", "=", "c2").execute()).rejects.toThrow();
    await db.deleteFrom("incidents").where("key", "=", "i2").execute(); // no cascade on these
    await db.deleteFrom("connections").where("id", "=", "c2").execute();
    const left = await db.selectFrom("cw_companies").select("connection_id").execute();
    expect(left).toEqual([{ connection_id: "c1" }]);
    const source = await db
      .selectFrom("sources")
      .select("connection_id")
      .where("id", "=", "s2")
      .executeTakeFirstOrThrow();
    expect(source.connection_id).toBeNull();
    await expect(
      db
        .insertInto("customers")
        .values({
          tenant: "beta",
          source_id: "missing",
          external_id: "x",
          name: "n",
          updated_at: NOW,
        })
        .execute(),
    ).rejects.toThrow();
  });
});
