/**
 * The partition load is index-served: the planner starts from the company's mapping rows
 * (`mappings_partition_idx`) and looks their devices up by index, never walking every device of
 * the source (issue #8: that walk, once per company, was the costliest SQL of a sync).
 */
import { CompiledQuery, sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../store/migrate.js";
import type { Database } from "../../store/schema.js";
import { openTestStore, type TestStore } from "../../store/testing/test-stores.js";
import { tenantDb } from "../../store/tenant-scope.js";
import { mappedDevicesQuery } from "./partition-repository.js";

const PARTITION = { sourceId: "src-1", connectionId: "conn-1", companyId: 250 };

interface SqlitePlanRow {
  readonly id: number;
  readonly parent: number;
  readonly detail: string;
}

async function explainSqlite(db: Kysely<Database>): Promise<string[]> {
  const compiled = mappedDevicesQuery(tenantDb(db, "default"), PARTITION).compile();
  const result = await db.executeQuery<SqlitePlanRow>(
    CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
  );
  return result.rows.map((row) => row.detail);
}

async function explainPostgres(db: Kysely<Database>): Promise<string> {
  const compiled = mappedDevicesQuery(tenantDb(db, "default"), PARTITION).compile();
  return db.transaction().execute(async (trx) => {
    // Few rows: PostgreSQL would rightly prefer a seq scan; asks whether the index can serve it.
    await sql`set local enable_seqscan = off`.execute(trx);
    const result = await trx.executeQuery<{ "QUERY PLAN": string }>(
      CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
    );
    return result.rows.map((row) => row["QUERY PLAN"]).join("\n");
  });
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

  it("starts from the company's mappings by index and looks devices up by index", async () => {
    const plan = await explainSqlite(t.store.db);
    // The mapped customers: the mapping rows of this source and company only.
    expect(plan).toContain(
      "SEARCH mappings USING COVERING INDEX mappings_partition_idx (source_id=? AND cw_company_id=?)",
    );
    // Each mapped customer's devices, by index (not the source's devices, filtered).
    expect(plan).toContain(
      "SEARCH devices USING INDEX devices_customer_idx (source_id=? AND customer_external_id=?)",
    );
    expect(plan.join("\n")).not.toMatch(/\bSCAN\b/);
  });
});

describe("partition load query plan on postgres", () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore("postgres");
    await migrateToLatest(t.store);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("can be served by mappings_partition_idx", async () => {
    const plan = await explainPostgres(t.store.db);
    expect(plan).toMatch(/Index (Only )?Scan using mappings_partition_idx on mappings\b/);
    expect(plan).toMatch(/Index Cond: \(\(source_id = .+\) AND \(cw_company_id = .+\)\)/);
    expect(plan).not.toMatch(/Seq Scan/);
  });
});
