import { sql } from "kysely";
import { open } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isUniqueViolation, toStoreError, UniqueViolationError } from "./errors.js";
import { newId } from "./ids.js";
import { migrateToLatest, pendingMigrations } from "./migrate.js";
import { nowIso } from "./now.js";
import { openStore, type Store } from "./open-store.js";
import { openTestStore, TEST_DIALECTS, type TestStore } from "./testing/test-stores.js";

const MIGRATIONS = [
  "0001-init",
  "0002-devices-sync",
  "0003-request-log-in-flight",
  "0004-partition-index",
  "0005-tenants",
  "0006-partition-index-tenant",
  "0007-tenant-required",
  "0008-inventory",
];

function sourceRow(name: string) {
  const at = nowIso();
  return {
    tenant: "default",
    id: newId(),
    name,
    kind: "generic",
    connection_id: null,
    token_hash: null,
    created_at: at,
    updated_at: at,
  };
}

describe.each(TEST_DIALECTS)("store on %s", (kind) => {
  let t: TestStore;
  let store: Store;

  beforeAll(async () => {
    t = await openTestStore(kind);
    store = t.store;
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("migrates up from empty, then re-runs as a no-op", async () => {
    expect(await pendingMigrations(store)).toEqual(MIGRATIONS);
    expect((await migrateToLatest(store)).applied).toEqual(MIGRATIONS);
    expect((await migrateToLatest(store)).applied).toEqual([]);
    expect(await pendingMigrations(store)).toEqual([]);
    const tables = (await store.db.introspection.getTables()).map((x) => x.name);
    expect(tables).toEqual(
      expect.arrayContaining(["connections", "sources", "incidents", "request_log", "jobs", "kv"]),
    );
  });

  it("reports its dialect", () => {
    expect(store.dialect).toBe(kind);
  });

  it("applies column defaults and checks", async () => {
    const row = sourceRow("defaults");
    await store.db.insertInto("sources").values(row).execute();
    const got = await store.db
      .selectFrom("sources")
      .selectAll()
      .where("id", "=", row.id)
      .executeTakeFirstOrThrow();
    expect(got.settings_json).toBe("{}");
    const at = nowIso();
    await expect(
      store.db
        .insertInto("devices")
        .values({
          tenant: "default",
          source_id: row.id,
          external_id: "d1",
          customer_external_id: "c",
          data_json: "{}",
          content_hash: "h",
          last_seen_at: at,
          updated_at: at,
          state: "bogus" as "active", // rejected by the CHECK constraint
        })
        .execute(),
    ).rejects.toThrow();
  });

  it("upserts with onConflict doUpdateSet", async () => {
    const upsert = (value: string) =>
      store.db
        .insertInto("kv")
        .values({ tenant: "default", key: "k1", value })
        .onConflict((oc) =>
          oc.columns(["tenant", "key"]).doUpdateSet({ value: (eb) => eb.ref("excluded.value") }),
        )
        .execute();
    await upsert("a");
    await upsert("b");
    const rows = await store.db
      .selectFrom("kv")
      .select(["key", "value"])
      .where("key", "=", "k1")
      .execute();
    expect(rows).toEqual([{ key: "k1", value: "b" }]);
  });

  it("upserts on a composite primary key", async () => {
    const src = sourceRow("composite");
    await store.db.insertInto("sources").values(src).execute();
    const put = (name: string) =>
      store.db
        .insertInto("customers")
        .values({
          tenant: "default",
          source_id: src.id,
          external_id: "c1",
          name,
          display_name: null,
          domain: null,
          updated_at: nowIso(),
        })
        .onConflict((oc) =>
          oc
            .columns(["source_id", "external_id"])
            .doUpdateSet((eb) => ({ name: eb.ref("excluded.name") })),
        )
        .execute();
    await put("Acme");
    await put("Acme Corp");
    const rows = await store.db
      .selectFrom("customers")
      .select("name")
      .where("source_id", "=", src.id)
      .execute();
    expect(rows).toEqual([{ name: "Acme Corp" }]);
  });

  it("detects unique violations portably", async () => {
    await store.db.insertInto("sources").values(sourceRow("dup")).execute();
    const err: unknown = await store.db
      .insertInto("sources")
      .values(sourceRow("dup"))
      .execute()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(err)).toBe(true);
    const typed = toStoreError(err);
    expect(typed).toBeInstanceOf(UniqueViolationError);
    expect((typed as UniqueViolationError).code).toBe("CWB_ERR_STORE_UNIQUE_VIOLATION");
    expect(isUniqueViolation(typed)).toBe(true);
    expect(isUniqueViolation(new Error("other"))).toBe(false);
  });

  it("detects primary-key violations as unique violations", async () => {
    await store.db.insertInto("kv").values({ tenant: "default", key: "pk", value: "1" }).execute();
    const err: unknown = await store.db
      .insertInto("kv")
      .values({ tenant: "default", key: "pk", value: "2" })
      .execute()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(err)).toBe(true);
  });

  it("rolls back a failed transaction completely", async () => {
    const boom = new Error("boom");
    await expect(
      store.transaction(async (tx) => {
        await tx.insertInto("kv").values({ tenant: "default", key: "tx1", value: "x" }).execute();
        await tx.insertInto("sources").values(sourceRow("tx-source")).execute();
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await store.db.selectFrom("kv").selectAll().where("key", "=", "tx1").execute()).toEqual(
      [],
    );
    expect(
      await store.db.selectFrom("sources").selectAll().where("name", "=", "tx-source").execute(),
    ).toEqual([]);
  });

  it("commits a successful transaction and returns its value", async () => {
    const n = await store.transaction(async (tx) => {
      await tx.insertInto("kv").values({ tenant: "default", key: "tx2", value: "y" }).execute();
      return 7;
    });
    expect(n).toBe(7);
    expect(
      await store.db.selectFrom("kv").select("value").where("key", "=", "tx2").executeTakeFirst(),
    ).toEqual({ value: "y" });
  });

  it("commits a relaxed transaction, and rolls a failed one back", async () => {
    const relaxed = { durability: "relaxed" } as const;
    await store.transaction(async (tx) => {
      await tx
        .insertInto("kv")
        .values({ tenant: "default", key: "relaxed1", value: "kept" })
        .execute();
    }, relaxed);
    await expect(
      store.transaction(async (tx) => {
        await tx
          .insertInto("kv")
          .values({ tenant: "default", key: "relaxed2", value: "dropped" })
          .execute();
        throw new Error("boom");
      }, relaxed),
    ).rejects.toThrow("boom");
    const rows = await store.db
      .selectFrom("kv")
      .select(["key", "value"])
      .where("key", "in", ["relaxed1", "relaxed2"])
      .execute();
    expect(rows).toEqual([{ key: "relaxed1", value: "kept" }]);
  });

  it("returns counts and identity ids as numbers", async () => {
    const row = await store.db
      .selectFrom("kv")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(typeof row.n).toBe("number");
  });

  it("enforces the partial unique index on pending job keys", async () => {
    const at = nowIso();
    const job = (state: "pending" | "failed") => ({
      tenant: "default",
      kind: "k",
      payload_json: "{}",
      key: "same",
      queue_name: null,
      priority: 0,
      run_at: at,
      max_attempts: 3,
      state,
      created_at: at,
      updated_at: at,
    });
    await store.db.insertInto("jobs").values(job("failed")).execute();
    await store.db.insertInto("jobs").values(job("pending")).execute();
    const err: unknown = await store.db
      .insertInto("jobs")
      .values(job("pending"))
      .execute()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(err)).toBe(true);
    await store.db.deleteFrom("jobs").execute();
  });

  it("has foreign keys on", async () => {
    const at = nowIso();
    await expect(
      store.db
        .insertInto("customers")
        .values({
          tenant: "default",
          source_id: "missing",
          external_id: "x",
          name: "n",
          display_name: null,
          domain: null,
          updated_at: at,
        })
        .execute(),
    ).rejects.toThrow();
  });

  if (kind === "sqlite") {
    it("sets durability pragmas (WAL; the driver fsyncs the WAL itself, so NORMAL)", async () => {
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
      expect(mode.rows[0]?.journal_mode).toBe("wal");
      const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(store.db);
      expect(sync.rows[0]?.synchronous).toBe(1);
    });

    it("fsyncs the WAL before a write resolves, unless the transaction is relaxed", async () => {
      const probe = await open(t.options.kind === "sqlite" ? t.options.file : "", "r");
      const fileHandle = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
      await probe.close();
      const syncs = vi.spyOn(fileHandle, "sync");
      try {
        await store.db
          .insertInto("kv")
          .values({ tenant: "default", key: "durable1", value: "a" })
          .execute();
        expect(syncs).toHaveBeenCalledTimes(1);
        await store.transaction(async (tx) => {
          await tx
            .insertInto("kv")
            .values({ tenant: "default", key: "durable2", value: "b" })
            .execute();
        });
        expect(syncs).toHaveBeenCalledTimes(2);
        await store.db.selectFrom("kv").selectAll().execute(); // a read: nothing to sync
        await store.transaction(
          async (tx) => {
            await tx
              .insertInto("kv")
              .values({ tenant: "default", key: "relaxed3", value: "c" })
              .execute();
          },
          { durability: "relaxed" },
        );
        expect(syncs).toHaveBeenCalledTimes(2);
      } finally {
        syncs.mockRestore();
      }
    });

    it("opens an in-memory store", async () => {
      const mem = openStore({ kind: "sqlite", file: ":memory:" });
      expect((await migrateToLatest(mem)).applied).toEqual(MIGRATIONS);
      await mem.close();
    });
  }

  if (kind === "postgres") {
    it("migrates concurrently from several stores without failing", async () => {
      const fresh = await openTestStore("postgres");
      const others = [openStore(fresh.options), openStore(fresh.options), openStore(fresh.options)];
      try {
        const reports = await Promise.all([fresh.store, ...others].map((s) => migrateToLatest(s)));
        const applied = reports.flatMap((r) => r.applied);
        expect(applied).toEqual(MIGRATIONS);
      } finally {
        await Promise.all(others.map((s) => s.close()));
        await fresh.cleanup();
      }
    });
  }
});
