/**
 * SQLite dialect (better-sqlite3): pragmas, `BEGIN IMMEDIATE` transactions, a statement cache,
 * durable commits through non-blocking WAL fsyncs (`wal-sync.ts`).
 */
import { chmodSync, closeSync, fchmodSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
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
import { cachingDatabase } from "./statement-cache.js";
import { WalSyncer } from "./wal-sync.js";

/**
 * Every transaction starts with `BEGIN IMMEDIATE`: SQLite has a single writer, and taking
 * the write lock up front avoids `SQLITE_BUSY` on a read→write upgrade between processes.
 *
 * Durability (`wal-sync.ts`): the connection runs with `synchronous = NORMAL`; when a use of
 * the connection (one statement, or a whole transaction) changed rows, releasing it waits for
 * an fsync of the WAL (off the event loop, shared between concurrent writers), so a write has
 * reached the disk when its promise resolves — as with `synchronous = FULL`. A transaction
 * marked relaxed ({@link SqliteKysely.relaxCurrent}) skips that wait: it survives a crash of
 * the process, and reaches the disk with the next durable write (or checkpoint).
 */
class DurableSqliteDriver extends SqliteDriver {
  readonly #syncer: WalSyncer | undefined;
  readonly #totalChanges: () => number;
  #changesAtAcquire = 0;
  #relaxed = false;

  constructor(config: SqliteDialectConfig, raw: BetterSqlite3.Database, syncer?: WalSyncer) {
    super(config);
    this.#syncer = syncer;
    const statement = raw.prepare("select total_changes()").pluck();
    this.#totalChanges = () => Number(statement.get());
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    this.#changesAtAcquire = this.#totalChanges();
    this.#relaxed = false;
    return connection;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }

  override async releaseConnection(): Promise<void> {
    const wrote = this.#totalChanges() !== this.#changesAtAcquire;
    const relaxed = this.#relaxed;
    this.#relaxed = false;
    await super.releaseConnection();
    if (wrote && !relaxed) await this.#syncer?.sync();
  }

  override async destroy(): Promise<void> {
    await super.destroy();
    await this.#syncer?.close();
  }

  /** Marks the use of the connection in progress (a transaction) as not waiting for disk. */
  relaxCurrent(): void {
    this.#relaxed = true;
  }
}

class DurableSqliteDialect extends SqliteDialect {
  readonly driver: DurableSqliteDriver;
  constructor(config: SqliteDialectConfig, raw: BetterSqlite3.Database, syncer?: WalSyncer) {
    super(config);
    this.driver = new DurableSqliteDriver(config, raw, syncer);
  }
  override createDriver(): Driver {
    return this.driver;
  }
}

/** Mode of the database file and its `-wal` / `-shm` (they hold every encrypted secret). */
const FILE_MODE = 0o600;

/**
 * Creates the database file empty with mode 0600 (SQLite then gives its `-wal` and `-shm` the
 * same mode), whatever the umask; its directory, when missing, 0700.
 */
function createPrivately(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  let fd: number;
  try {
    fd = openSync(file, "wx", FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return;
    throw error;
  }
  try {
    fchmodSync(fd, FILE_MODE);
  } finally {
    closeSync(fd);
  }
}

/** Tightens the database file, `-wal` and `-shm` to 0600 (files of older versions were 0644). */
function tighten(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}

/**
 * Opens the SQLite file (creating it 0600 and its directory 0700) with WAL, synchronous=FULL,
 * FKs, busy timeout; the file, `-wal` and `-shm` are 0600.
 */
export function openSqliteDatabase(file: string): BetterSqlite3.Database {
  if (isFile(file)) createPrivately(file);
  const database = new BetterSqlite3(file);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  if (isFile(file)) tighten(file);
  return database;
}

function isFile(file: string): boolean {
  return file !== ":memory:" && file !== "" && !file.startsWith("file:");
}

/** A Kysely instance over a SQLite file, and how to relax the durability of a transaction. */
export interface SqliteKysely<DB> {
  readonly db: Kysely<DB>;
  /**
   * Inside a transaction: its commit does not wait for the disk (see `DurableSqliteDriver`).
   * Must be called while the transaction holds the connection.
   */
  relaxCurrent(): void;
}

/**
 * Opens a SQLite file for Kysely: `BEGIN IMMEDIATE` transactions, cached prepared statements,
 * durable writes through non-blocking WAL fsyncs (see `DurableSqliteDriver`).
 *
 * @example
 * const { db } = createSqliteKysely<Database>("./data/cwbridge.db");
 */
export function createSqliteKysely<DB>(file: string): SqliteKysely<DB> {
  const raw = openSqliteDatabase(file);
  const walMode = String(raw.pragma("journal_mode", { simple: true })).toLowerCase() === "wal";
  const syncer = isFile(file) && walMode ? new WalSyncer(`${resolve(file)}-wal`) : undefined;
  // With our own WAL fsync, SQLite need not sync inline (a :memory: database has no disk).
  if (syncer !== undefined) raw.pragma("synchronous = NORMAL");
  const dialect = new DurableSqliteDialect({ database: cachingDatabase(raw) }, raw, syncer);
  return { db: new Kysely<DB>({ dialect }), relaxCurrent: () => dialect.driver.relaxCurrent() };
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
