/**
 * Opens the store: one Kysely `Database` over SQLite or PostgreSQL.
 */
import type { Kysely, Transaction } from "kysely";
import type { DialectKind, DialectOps } from "./dialects/dialect-ops.js";
import { createPostgresKysely, createPostgresPool, postgresOps } from "./dialects/postgres.js";
import { createSqliteKysely, sqliteOps } from "./dialects/sqlite.js";
import type { Database } from "./schema.js";

/** Where the store lives. */
export type StoreOptions =
  | { readonly kind: "sqlite"; readonly file: string }
  | {
      readonly kind: "postgres";
      readonly url: string;
      /** Pool size, at least 2 (migrations hold one connection for their lock). Default 10. */
      readonly maxConnections?: number;
    };

/** A transaction handle; pass it to repos and to `JobQueue.enqueue` (outbox). */
export type StoreTx = Transaction<Database>;

/** The opened store. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectKind;
  /** Dialect-specific operations (for migrations and the SQL job queue). */
  readonly ops: DialectOps;
  /** Runs `fn` in one transaction (SQLite: `BEGIN IMMEDIATE`); rolls back if it throws. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Closes the database (SQLite file or PostgreSQL pool). */
  close(): Promise<void>;
}

/**
 * Opens a store. Migrations are NOT run: call `migrateToLatest(store)` explicitly.
 *
 * @example
 * const store = openStore({ kind: "sqlite", file: "./data/cwbridge.db" });
 * await migrateToLatest(store);
 */
export function openStore(options: StoreOptions): Store {
  if (options.kind === "sqlite") {
    return makeStore(createSqliteKysely<Database>(options.file), sqliteOps);
  }
  const pool = createPostgresPool(
    options.url,
    options.maxConnections === undefined ? {} : { max: options.maxConnections },
  );
  return makeStore(createPostgresKysely<Database>(pool), postgresOps);
}

function makeStore(db: Kysely<Database>, ops: DialectOps): Store {
  return {
    db,
    dialect: ops.kind,
    ops,
    transaction: (fn) => db.transaction().execute(fn),
    close: () => db.destroy(),
  };
}
