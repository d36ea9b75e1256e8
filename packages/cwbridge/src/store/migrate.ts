/**
 * Explicit, idempotent migrations (Kysely `Migrator` with a static provider).
 */
import { Migrator, type Kysely, type MigrationResult } from "kysely";
import { StoreError } from "./errors.js";
import { migrationsFor } from "./migrations/index.js";
import type { Store } from "./open-store.js";

/** What `migrateToLatest` did. */
export interface MigrateReport {
  /** Names of the migrations applied by this call (empty when already up to date). */
  readonly applied: readonly string[];
}

async function migratorFor(store: Store): Promise<Migrator> {
  const migrations = migrationsFor(store.ops);
  const db = store.db as Kysely<unknown>;
  const schema = await store.ops.migrationTableSchema(db);
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
}

function appliedNames(results: readonly MigrationResult[] | undefined): string[] {
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/**
 * Brings the schema to the latest version. Idempotent; safe to call from several processes at
 * once (PostgreSQL: advisory lock; SQLite: single writer). Never called implicitly by `openStore`.
 *
 * @example
 * const { applied } = await migrateToLatest(store); // ["0001-init"] the first time, [] after
 */
export async function migrateToLatest(store: Store): Promise<MigrateReport> {
  const migrator = await migratorFor(store);
  const { error, results } = await store.ops.withMigrationLock(store.db, () =>
    migrator.migrateToLatest(),
  );
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new StoreError("CWB_ERR_STORE_MIGRATION", `migration ${failed} failed`, {
      cause: error,
    });
  }
  return { applied: appliedNames(results) };
}

/**
 * Names of migrations not yet applied (for `cwbridge doctor` / `migrate --check`).
 *
 * @example
 * if ((await pendingMigrations(store)).length > 0) console.log("run cwbridge migrate");
 */
export async function pendingMigrations(store: Store): Promise<string[]> {
  const infos = await (await migratorFor(store)).getMigrations();
  return infos.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
