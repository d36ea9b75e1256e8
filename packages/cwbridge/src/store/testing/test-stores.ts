/**
 * Test-only helpers: an isolated store per test file, on either dialect.
 * SQLite: a file in a fresh temp directory. PostgreSQL: a fresh schema in the test database
 * (`DATABASE_URL_TEST`, default `postgres://postgres@127.0.0.1:5432/test`), selected through
 * the connection's `search_path`, dropped on cleanup. Test files can run in parallel.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator, type Generated, type Kysely } from "kysely";
import pg from "pg";
import type { DialectKind } from "../dialects/dialect-ops.js";
import { migrationsFor } from "../migrations/index.js";
import { openStore, type Store, type StoreOptions } from "../open-store.js";
import type { Database } from "../schema.js";

/** Both dialects, for `describe.each`. */
export const TEST_DIALECTS: readonly DialectKind[] = ["sqlite", "postgres"];

/** The PostgreSQL URL tests use. */
export function testDatabaseUrl(): string {
  // Test-only: config.ts is the one place that reads the environment for the app itself.
  return process.env["DATABASE_URL_TEST"] ?? "postgres://postgres@127.0.0.1:5432/test";
}

/** A unique, safe identifier (schema names for isolation). */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
}

/** An isolated store and how to open more stores on the same database. */
export interface TestStore {
  readonly store: Store;
  /** Options that open another store on the same isolated database/schema. */
  readonly options: StoreOptions;
  /** Closes the store and removes the database/schema. */
  cleanup(): Promise<void>;
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Drops a PostgreSQL schema (and everything in it) in the test database. */
export async function dropTestSchema(schema: string): Promise<void> {
  await adminQuery(`drop schema if exists "${schema}" cascade`);
}

function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("options", `-c search_path=${schema}`);
  return parsed.toString();
}

async function openPostgres(): Promise<TestStore> {
  const schema = uniqueName("cwb_t");
  await adminQuery(`create schema "${schema}"`);
  const options: StoreOptions = {
    kind: "postgres",
    url: withSearchPath(testDatabaseUrl(), schema),
  };
  const store = openStore(options);
  return {
    store,
    options,
    cleanup: async () => {
      await store.close();
      await dropTestSchema(schema);
    },
  };
}

function openSqlite(): TestStore {
  const dir = mkdtempSync(join(tmpdir(), "cwb-store-"));
  const options: StoreOptions = { kind: "sqlite", file: join(dir, "nested", "cwbridge.db") };
  const store = openStore(options);
  return {
    store,
    options,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens an isolated, empty (unmigrated) store.
 *
 * @example
 * describe.each(TEST_DIALECTS)("%s", (kind) => { let t: TestStore;
 *   beforeAll(async () => { t = await openTestStore(kind); await migrateToLatest(t.store); });
 *   afterAll(() => t.cleanup()); });
 */
export async function openTestStore(kind: DialectKind): Promise<TestStore> {
  return kind === "sqlite" ? openSqlite() : openPostgres();
}

/**
 * The schema as it was before 0007, for tests of older migrations: `tenant` (0005–0006) had a
 * default, so an insert could leave it out (and before 0005 there was no such column).
 */
export type DatabaseBefore0007 = {
  [T in keyof Database]: Omit<Database[T], "tenant"> & { tenant: Generated<string> };
};

/** The store's builders typed with the pre-0007 schema (see {@link DatabaseBefore0007}). */
export function dbBefore0007(store: Store): Kysely<DatabaseBefore0007> {
  return store.db as unknown as Kysely<DatabaseBefore0007>;
}

/**
 * Applies the migrations whose names sort before `before` (the schema an older release left),
 * so a test can put data in it and then run the migrations that follow. Returns the names it
 * applied.
 *
 * @example
 * await migrateBefore(t.store, "0007"); // 0001–0006 applied
 */
export async function migrateBefore(store: Store, before: string): Promise<string[]> {
  const all = migrationsFor(store.ops);
  const older = Object.fromEntries(Object.entries(all).filter(([name]) => name < before));
  const db = store.db as Kysely<unknown>;
  const schema = await store.ops.migrationTableSchema(db);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => older },
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
