import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteKv, deleteKvIfValue, getKv, insertKvIfAbsent, setKv, updateKv } from "./kv.js";
import { migrateToLatest } from "./migrate.js";
import { tenantDb, type TenantDb } from "./tenant-scope.js";
import { openTestStore, TEST_DIALECTS, type TestStore } from "./testing/test-stores.js";

describe.each(TEST_DIALECTS)("kv on %s", (kind) => {
  let t: TestStore;
  let db: TenantDb;
  beforeAll(async () => {
    t = await openTestStore(kind);
    await migrateToLatest(t.store);
    db = tenantDb(t.store.db, "default");
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("sets, replaces, reads and deletes", async () => {
    expect(await getKv(db, "a")).toBeUndefined();
    await setKv(db, "a", "1");
    await setKv(db, "a", "2");
    expect(await getKv(db, "a")).toBe("2");
    expect(await deleteKv(db, "a")).toBe(true);
    expect(await deleteKv(db, "a")).toBe(false);
    expect(await getKv(db, "a")).toBeUndefined();
  });

  it("works inside a transaction", async () => {
    await t.store.transaction(async (tx) => setKv(tenantDb(tx, "default"), "b", "in tx"));
    expect(await getKv(db, "b")).toBe("in tx");
  });

  it("keeps each tenant's rows to itself: one value per tenant under the same key", async () => {
    const other = tenantDb(t.store.db, "other");
    await setKv(db, "mine", "a");
    expect(await getKv(other, "mine")).toBeUndefined();
    expect(await deleteKv(other, ["mine"])).toBe(false);
    await setKv(other, "mine", "b");
    expect(await getKv(db, "mine")).toBe("a");
    expect(await getKv(other, "mine")).toBe("b");
    await setKv(other, "mine", "c");
    expect(await getKv(db, "mine")).toBe("a");
    expect(await deleteKv(other, ["mine"])).toBe(true);
    expect(await getKv(other, "mine")).toBeUndefined();
    expect(await getKv(db, "mine")).toBe("a");
  });

  it("compare-and-set: insert if absent, update, delete if the value still matches", async () => {
    expect(await insertKvIfAbsent(db, "lease", "v1")).toBe(true);
    expect(await insertKvIfAbsent(db, "lease", "v2")).toBe(false);
    expect(await getKv(db, "lease")).toBe("v1");
    await updateKv(db, "lease", "v3");
    await updateKv(db, "never-set", "x"); // updates only: inserts nothing
    expect(await getKv(db, "never-set")).toBeUndefined();
    await deleteKvIfValue(db, "lease", "v1"); // stale value: kept
    expect(await getKv(db, "lease")).toBe("v3");
    await t.store.transaction(async (tx) => {
      const locked = tenantDb(tx, "default");
      expect(await getKv(locked, "lease", { lock: kind === "postgres" })).toBe("v3");
      await deleteKvIfValue(locked, "lease", "v3");
    });
    expect(await getKv(db, "lease")).toBeUndefined();
  });

  it("leaves another tenant's row alone in update and compare-and-delete", async () => {
    const other = tenantDb(t.store.db, "other");
    expect(await insertKvIfAbsent(db, "shared", "a")).toBe(true);
    await updateKv(other, "shared", "b");
    await deleteKvIfValue(other, "shared", "a");
    expect(await getKv(db, "shared")).toBe("a");
  });
});
