/**
 * The tenant-scoped handle: every builder it hands out sees and changes one tenant's rows only,
 * and every row it inserts is stamped with that tenant.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "./migrate.js";
import { tenantScope, type TenantScope } from "./tenant-scope.js";
import { openTestStore, TEST_DIALECTS, type TestStore } from "./testing/test-stores.js";

describe.each(TEST_DIALECTS)("tenantScope on %s", (kind) => {
  let t: TestStore;
  let a: TenantScope;
  let b: TenantScope;
  beforeAll(async () => {
    t = await openTestStore(kind);
    await migrateToLatest(t.store);
    a = tenantScope(t.store, "a");
    b = tenantScope(t.store, "b");
    await a.db
      .insertInto("kv", [
        { key: "a1", value: "x" },
        { key: "a2", value: "y" },
      ])
      .execute();
    await b.db.insertInto("kv", { key: "b1", value: "z" }).execute();
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("stamps inserted rows with the tenant", async () => {
    const rows = await t.store.db
      .selectFrom("kv")
      .select(["key", "tenant"])
      .orderBy("key")
      .execute();
    expect(rows).toEqual([
      { key: "a1", tenant: "a" },
      { key: "a2", tenant: "a" },
      { key: "b1", tenant: "b" },
    ]);
  });

  it("selects only the tenant's rows, even by key", async () => {
    expect(
      (await a.db.selectFrom("kv").select("key").orderBy("key").execute()).map((r) => r.key),
    ).toEqual(["a1", "a2"]);
    expect(await b.db.selectFrom("kv").select("key").where("key", "=", "a1").execute()).toEqual([]);
  });

  it("updates and deletes only the tenant's rows", async () => {
    const updated = await b.db
      .updateTable("kv")
      .set({ value: "hacked" })
      .where("key", "=", "a1")
      .executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(0n);
    const deleted = await b.db.deleteFrom("kv").where("key", "in", ["a1", "a2"]).executeTakeFirst();
    expect(deleted.numDeletedRows).toBe(0n);
    const left = await a.db.selectFrom("kv").select(["key", "value"]).orderBy("key").execute();
    expect(left).toEqual([
      { key: "a1", value: "x" },
      { key: "a2", value: "y" },
    ]);
  });

  it("keeps the tenant inside a transaction, and rolls back with it", async () => {
    await expect(
      b.transaction(async (tx) => {
        await tx.insertInto("kv", { key: "b2", value: "w" }).execute();
        expect(await tx.selectFrom("kv").select("key").orderBy("key").execute()).toEqual([
          { key: "b1" },
          { key: "b2" },
        ]);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await b.db.selectFrom("kv").select("key").execute()).toEqual([{ key: "b1" }]);
  });
});
