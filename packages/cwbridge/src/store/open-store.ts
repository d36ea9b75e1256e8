/**
 * Opens the store: one Kysely `Database` over SQLite or PostgreSQL.
 */
import { sql, type Kysely, type Transaction } from "kysely";
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

/** Options of {@link Store.transaction}. */
export interface TransactionOptions {
  /**
   * `durable` (default): on disk when the transaction resolves (survives a power loss).
   * `relaxed`: committed and visible, survives a crash of the process, but may be lost with
   * the last moments before a power loss or OS crash (SQLite: no WAL fsync wait; PostgreSQL:
   * `synchronous_commit = off`). Only for bookkeeping whose loss is harmless (queue claims and
   * completions, leases, state recorded after an effect that a re-run would find again);
   * never for what must hold before an external effect or an acknowledgement. A later durable
   * write makes every earlier relaxed one durable too.
   */
  readonly durability?: "durable" | "relaxed";
}

/** The opened store. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectKind;
  /** Dialect-specific operations (for migrations and the SQL job queue). */
  readonly ops: DialectOps;
  /** Runs `fn` in one transaction (SQLite: `BEGIN IMMEDIATE`); rolls back if it throws. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>, options?: TransactionOptions): Promise<T>;
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
    const sqlite = createSqliteKysely<Database>(options.file);
    return makeStore(sqlite.db, sqliteOps, async () => sqlite.relaxCurrent());
  }
  const pool = createPostgresPool(
    options.url,
    options.maxConnections === undefined ? {} : { max: options.maxConnections },
  );
  return makeStore(createPostgresKysely<Database>(pool), postgresOps, async (tx) => {
    await sql`set local synchronous_commit = off`.execute(tx);
  });
}

function makeStore(
  db: Kysely<Database>,
  ops: DialectOps,
  relax: (tx: StoreTx) => Promise<void>,
): Store {
  return {
    db,
    dialect: ops.kind,
    ops,
    transaction: (fn, options) =>
      options?.durability === "relaxed"
        ? db.transaction().execute(async (tx) => {
            await relax(tx);
            return fn(tx);
          })
        : db.transaction().execute(fn),
    close: () => db.destroy(),
  };
}
