/**
 * 0005 puts every existing row in the tenant `default`, keeps every row and foreign key (the
 * SQLite rebuild of `connections` and `sources` must not cascade), and makes names unique per
 * tenant instead of globally.
 */
import { Migrator, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../migrate.js";
import { openTestStore, TEST_DIALECTS, type TestStore } from "../testing/test-stores.js";
import { migrationsFor } from "./index.js";
import { TENANT_TABLES } from "./0005-tenants.js";

const NOW = "2026-01-01T00:00:00.000Z";

async function migrateTo0004(t: TestStore): Promise<void> {
  const all = migrationsFor(t.store.ops);
  const before = Object.fromEntries(Object.entries(all).filter(([name]) => name < "0005"));
  const db = t.store.db as Kysely<unknown>;
  const schema = await t.store.ops.migrationTableSchema(db);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => before },
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error } = await migrator.migrateToLatest();
  if (error !== undefined) throw error;
}

const connection = (id: string, name: string, tenant?: string) => ({
  id,
  name,
  site: "na",
  company_id: "acme",
  public_key: "pub",
  private_key_enc: "enc",
  client_id: "cid",
  member_id: null,
  api_version: "2025.16",
  codebase: null,
  created_at: NOW,
  updated_at: NOW,
  ...(tenant === undefined ? {} : { tenant }),
});

describe.each(TEST_DIALECTS)("0005-tenants on %s", (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
    await migrateTo0004(t);
    const db = t.store.db;
    await db.insertInto("connections").values(connection("c1", "acme")).execute();
    await db
      .insertInto("sources")
      .values({
        id: "s1",
        name: "rmm",
        kind: "generic",
        connection_id: "c1",
        token_hash: "h1",
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    await db
      .insertInto("customers")
      .values({ source_id: "s1", external_id: "x1", name: "Acme", updated_at: NOW })
      .execute();
    await db
      .insertInto("cw_companies")
      .values({
        connection_id: "c1",
        cw_id: 7,
        identifier: "ACME",
        name: "Acme",
        status_id: null,
        status_name: null,
        fetched_at: NOW,
      })
      .execute();
    await db.insertInto("kv").values({ key: "k", value: "v" }).execute();
    expect((await migrateToLatest(t.store)).applied).toEqual([
      "0005-tenants",
      "0006-partition-index-tenant",
      "0008-inventory",
    ]);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("puts every existing row in the tenant `default`, losing none", async () => {
    const db = t.store.db;
    expect(await db.selectFrom("connections").select(["id", "name", "tenant"]).execute()).toEqual([
      { id: "c1", name: "acme", tenant: "default" },
    ]);
    const source = await db.selectFrom("sources").selectAll().executeTakeFirstOrThrow();
    expect(source).toMatchObject({ id: "s1", connection_id: "c1", tenant: "default" });
    expect(await db.selectFrom("customers").select("tenant").execute()).toEqual([
      { tenant: "default" },
    ]);
    expect(await db.selectFrom("cw_companies").select(["cw_id", "tenant"]).execute()).toEqual([
      { cw_id: 7, tenant: "default" },
    ]);
    expect(await db.selectFrom("kv").select("tenant").execute()).toEqual([{ tenant: "default" }]);
  });

  it("gives every table a tenant column", async () => {
    for (const table of TENANT_TABLES) {
      const rows = await (t.store.db as unknown as Kysely<Record<string, { tenant: string }>>)
        .selectFrom(table)
        .select("tenant")
        .limit(1)
        .execute();
      expect(Array.isArray(rows)).toBe(true);
    }
  });

  it("makes names unique per tenant, not globally", async () => {
    const db = t.store.db;
    await db
      .insertInto("connections")
      .values(connection("c2", "acme", "beta"))
      .execute();
    await expect(
      db
        .insertInto("connections")
        .values(connection("c3", "acme", "beta"))
        .execute(),
    ).rejects.toThrow();
    await expect(
      db.insertInto("connections").values(connection("c4", "acme")).execute(),
    ).rejects.toThrow();
  });

  it("keeps the foreign keys to the rebuilt tables working (cascade, set null)", async () => {
    const db = t.store.db;
    await db.deleteFrom("connections").where("id", "=", "c1").execute();
    expect(await db.selectFrom("cw_companies").selectAll().execute()).toEqual([]);
    const source = await db.selectFrom("sources").select("connection_id").executeTakeFirstOrThrow();
    expect(source.connection_id).toBeNull();
    await db.deleteFrom("sources").where("id", "=", "s1").execute();
    expect(await db.selectFrom("customers").selectAll().execute()).toEqual([]);
  });
});
