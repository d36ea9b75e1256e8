import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteKv, getKv, setKv } from "./kv.js";
import { migrateToLatest } from "./migrate.js";
import { openTestStore, TEST_DIALECTS, type TestStore } from "./testing/test-stores.js";

describe.each(TEST_DIALECTS)("kv on %s", (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
    await migrateToLatest(t.store);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("sets, replaces, reads and deletes", async () => {
    expect(await getKv(t.store.db, "a")).toBeUndefined();
    await setKv(t.store.db, "a", "1");
    await setKv(t.store.db, "a", "2");
    expect(await getKv(t.store.db, "a")).toBe("2");
    expect(await deleteKv(t.store.db, "a")).toBe(true);
    expect(await deleteKv(t.store.db, "a")).toBe(false);
    expect(await getKv(t.store.db, "a")).toBeUndefined();
  });

  it("works inside a transaction", async () => {
    await t.store.transaction(async (tx) => setKv(tx, "b", "in tx"));
    expect(await getKv(t.store.db, "b")).toBe("in tx");
  });
});
