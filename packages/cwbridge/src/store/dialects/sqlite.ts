/**
 * SQLite dialect (better-sqlite3): pragmas for durability, `BEGIN IMMEDIATE` transactions.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
} from "kysely";
import type { DialectOps } from "./dialect-ops.js";

/**
 * Every transaction starts with `BEGIN IMMEDIATE`: SQLite has a single writer, and taking
 * the write lock up front avoids `SQLITE_BUSY` on a read→write upgrade between processes.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** Opens the SQLite file (creating its directory) with WAL, synchronous=FULL, FKs, busy timeout. */
export function openSqliteDatabase(file: string): BetterSqlite3.Database {
  if (file !== ":memory:" && !file.startsWith("file:")) {
    mkdirSync(dirname(file), { recursive: true });
  }
  const database = new BetterSqlite3(file);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  return database;
}

/**
 * A Kysely instance over a SQLite file.
 *
 * @example
 * const db = createSqliteKysely<Database>("./data/cwbridge.db");
 */
export function createSqliteKysely<DB>(file: string): Kysely<DB> {
  return new Kysely<DB>({
    dialect: new ImmediateSqliteDialect({ database: openSqliteDatabase(file) }),
  });
}

function sqliteCode(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null || !("code" in err)) return undefined;
  return typeof err.code === "string" ? err.code : undefined;
}

/** SQLite's dialect operations. */
export const sqliteOps: DialectOps = {
  kind: "sqlite",
  identityType: "integer",
  identityColumn: (col) => col.primaryKey().autoIncrement(),
  migrationTableSchema: async () => undefined,
  withMigrationLock: (_db, fn) => fn(),
  lockJobClaim: async () => {},
  skipLocked: false,
  isUniqueViolation: (err) => {
    const code = sqliteCode(err);
    return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
  },
};
