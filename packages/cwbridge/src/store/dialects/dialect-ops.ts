/**
 * What differs between the SQLite and PostgreSQL dialects, behind one small interface.
 * Everything dialect-specific lives in `sqlite.ts` and `postgres.ts`; callers branch on
 * nothing but this interface.
 */
import type { ColumnDefinitionBuilder, Kysely } from "kysely";
import type { Database } from "../schema.js";

/** The two supported SQL dialects. */
export type DialectKind = "sqlite" | "postgres";

/** Dialect-specific operations used by migrations, the store and the SQL job queue. */
export interface DialectOps {
  readonly kind: DialectKind;
  /** The SQL type of an integer identity primary key (`request_log.id`, `jobs.id`). */
  readonly identityType: "integer" | "bigint";
  /** Makes `col` an auto-generated integer primary key. */
  identityColumn(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /**
   * The schema the migrator's own tables live in: PostgreSQL's `current_schema()`, so a
   * Kysely table in another schema is never mistaken for ours; `undefined` on SQLite.
   */
  migrationTableSchema<DB>(db: Kysely<DB>): Promise<string | undefined>;
  /** Runs `fn` while holding the database-wide migration lock (no-op on SQLite). */
  withMigrationLock<T, DB>(db: Kysely<DB>, fn: () => Promise<T>): Promise<T>;
  /**
   * Serialises job claims inside the claim transaction. SQLite: nothing to do (the claim
   * transaction is `BEGIN IMMEDIATE`). PostgreSQL: a transaction-scoped advisory lock.
   */
  lockJobClaim(tx: Kysely<Database>): Promise<void>;
  /** Whether the claim select should add `FOR UPDATE SKIP LOCKED`. */
  readonly skipLocked: boolean;
  /** Whether `err` (a raw driver error) is a unique/primary-key violation. */
  isUniqueViolation(err: unknown): boolean;
}
