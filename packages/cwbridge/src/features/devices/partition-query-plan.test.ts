/**
 * The partition load is index-served: its two queries (`partitionDevices` in
 * `partition-queries.ts`) read the company's mapping rows by `mappings_partition_idx`
 * (customers' `partitionMappingsQuery`), then those customers' devices by `devices_customer_idx`
 * (`devicesOfCustomersQuery`), never walking every device of the source (issue #8: that walk,
 * once per company, was the costliest SQL of a sync).
 */
import { CompiledQuery, sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../store/migrate.js";
import type { Database } from "../../store/schema.js";
import { openTestStore, type TestStore } from "../../store/testing/test-stores.js";
import { tenantDb } from "../../store/tenant-scope.js";
import { partitionMappingsQuery } from "../customers/index.js";
import { devicesOfCustomersQuery } from "./device-repository.js";

const PARTITION = { sourceId: "src-1", connectionId: "conn-1", companyId: 250 };
const CUSTOMERS = ["org-1", "org-2", "org-3"];

/** The partition load's queries, compiled on the tenant-scoped handle. */
function partitionLoad(db: Kysely<Database>) {
  const scoped = tenantDb(db, "default");
  return {
    mappings: partitionMappingsQuery(scoped, PARTITION).compile(),
    devices: devicesOfCustomersQuery(scoped, PARTITION.sourceId, CUSTOMERS).compile(),
  };
}

type Compiled = ReturnType<typeof partitionLoad>["mappings" | "devices"];

interface SqlitePlanRow {
  readonly id: number;
  readonly parent: number;
  readonly detail: string;
}

async function explainSqlite(db: Kysely<Database>, compiled: Compiled): Promise<string[]> {
  const result = await db.executeQuery<SqlitePlanRow>(
    CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
  );
  return result.rows.map((row) => row.detail);
}

/**
 * PostgreSQL's plan of `compiled`. `mappings` is empty, so PostgreSQL would rightly prefer a
 * seq scan there: seq scans are off, which asks whether an index can serve the query.
 */
async function explainPostgres(db: Kysely<Database>, compiled: Compiled): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const result = await trx.executeQuery<{ "QUERY PLAN": string }>(
      CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
    );
    return result.rows.map((row) => row["QUERY PLAN"]).join("\n");
  });
}

/**
 * 20,000 devices of one source over 500 customers, analysed: with statistics the planner must
 * see that a few customers' devices are a small part of the source's (on empty tables it would
 * look up `source_id` alone and filter the customers: every device of the source).
 */
async function seedDevices(db: Kysely<Database>): Promise<void> {
  const now = "2026-01-01T00:00:00.000Z";
  await sql`insert into sources (id, name, kind, created_at, updated_at, tenant)
    values (${PARTITION.sourceId}, 'monitor', 'generic', ${now}, ${now}, 'default')`.execute(db);
  await sql`insert into devices (source_id, external_id, customer_external_id, data_json,
      content_hash, last_seen_at, updated_at, tenant)
    select ${PARTITION.sourceId}, 'd-' || n, 'org-' || (n % 500), '{}', 'h', ${now}, ${now}, 'default'
    from generate_series(1, 20000) as n`.execute(db);
  await sql`analyze devices`.execute(db);
}

describe("partition load query plan on sqlite", () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore("sqlite");
    await migrateToLatest(t.store);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("reads the company's mappings by index, then their customers' devices by index", async () => {
    const load = partitionLoad(t.store.db);
    const mappings = await explainSqlite(t.store.db, load.mappings);
    // The mapped customers: the mapping rows of this source and company only.
    expect(mappings).toEqual([
      "SEARCH mappings USING INDEX mappings_partition_idx (source_id=? AND cw_company_id=?)",
    ]);
    // Each mapped customer's devices, by index (not the source's devices, filtered).
    const devices = await explainSqlite(t.store.db, load.devices);
    expect(devices).toContain(
      "SEARCH devices USING INDEX devices_customer_idx (source_id=? AND customer_external_id=?)",
    );
    expect([...mappings, ...devices].join("\n")).not.toMatch(/\bSCAN\b/);
  });
});

describe("partition load query plan on postgres", () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore("postgres");
    await migrateToLatest(t.store);
    await seedDevices(t.store.db);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("can be served by mappings_partition_idx, then devices_customer_idx", async () => {
    const load = partitionLoad(t.store.db);
    const mappings = await explainPostgres(t.store.db, load.mappings);
    expect(mappings).toMatch(/Index (Only )?Scan using mappings_partition_idx on mappings\b/);
    expect(mappings).toMatch(/Index Cond: \(\(source_id = .+\) AND \(cw_company_id = .+\)\)/);
    const devices = await explainPostgres(t.store.db, load.devices);
    expect(devices).toMatch(/Index (Only )?Scan using devices_customer_idx on devices\b/);
    expect(devices).toMatch(
      /Index Cond: \(\(source_id = .+\) AND \(customer_external_id = ANY .+\)\)/,
    );
    expect(`${mappings}\n${devices}`).not.toMatch(/Seq Scan/);
  });
});
