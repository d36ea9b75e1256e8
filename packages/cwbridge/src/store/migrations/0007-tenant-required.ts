/**
 * 0007: the tenant is required, and kv keys are per tenant.
 *
 * - the `tenant` column of every table loses its default (0005 kept `default 'default'` for a
 *   rolling upgrade): an insert that does not name its tenant now fails (NOT NULL, no default),
 *   instead of landing silently in the tenant `default`;
 * - `kv`'s primary key becomes `(tenant, key)` (it was `key`): the same key may hold one value
 *   per tenant, and an upsert conflicts only with its own tenant's row.
 *
 * SQLite can change neither a column's default nor a primary key, so there every table is
 * rebuilt from its own stored DDL (`sqlite_master`, the only change being the tenant column and
 * kv's key), rows copied column by column, its indexes re-created from their stored DDL, and the
 * autoincrement sequences (`jobs`, `request_log`) kept, so no id is reused. Foreign keys are
 * off for the swap (a DROP with them on would cascade into the referencing tables) and checked
 * before the one transaction commits. PostgreSQL alters in place.
 */
import { sql, type Kysely, type Migration } from "kysely";
import type { DialectOps } from "../dialects/dialect-ops.js";
import { TENANT_TABLES } from "./0005-tenants.js";

type Db = Kysely<unknown>;

/** The tenant column as 0005 added it (SQLite's stored DDL), and as 0007 leaves it. */
const TENANT_WITH_DEFAULT = `"tenant" text default 'default' not null`;
const TENANT_REQUIRED = `"tenant" text not null`;

/** kv's key column at 0001, and the new key. */
const KV_KEY = `"key" text primary key`;
const KV_KEY_COLUMN = `"key" text not null`;
const KV_PK = `constraint "kv_pk" primary key ("tenant", "key")`;

const REBUILT = (table: string) => `${table}_0007`;

function replaceOnce(ddl: string, table: string, from: string, to: string): string {
  const at = ddl.indexOf(from);
  if (at < 0 || ddl.indexOf(from, at + from.length) >= 0) {
    throw new Error(`0007: unexpected DDL of ${table}`);
  }
  return ddl.slice(0, at) + to + ddl.slice(at + from.length);
}

/** The stored DDL of `table`, turned into the DDL of its rebuilt copy. */
export function rebuiltDdl(table: string, ddl: string): string {
  let next = replaceOnce(
    ddl,
    table,
    `CREATE TABLE "${table}" (`,
    `CREATE TABLE "${REBUILT(table)}" (`,
  );
  next = replaceOnce(next, table, TENANT_WITH_DEFAULT, TENANT_REQUIRED);
  if (table === "kv") {
    next = replaceOnce(next, table, KV_KEY, KV_KEY_COLUMN);
    if (!next.endsWith(")")) throw new Error("0007: unexpected DDL of kv");
    next = `${next.slice(0, -1)}, ${KV_PK})`;
  }
  return next;
}

async function storedTableDdl(db: Db, table: string): Promise<string> {
  const rows = await sql<{ sql: string }>`select sql from sqlite_master
    where type = 'table' and name = ${table}`.execute(db);
  const ddl = rows.rows[0]?.sql;
  if (ddl === undefined) throw new Error(`0007: no table ${table}`);
  return ddl;
}

/** The DDL of the table's own indexes (the automatic ones come back with the table). */
async function storedIndexDdl(db: Db, table: string): Promise<string[]> {
  const rows = await sql<{ sql: string }>`select sql from sqlite_master
    where type = 'index' and tbl_name = ${table} and sql is not null order by name`.execute(db);
  return rows.rows.map((r) => r.sql);
}

async function columnList(db: Db, table: string): Promise<string> {
  const rows = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(
    db,
  );
  return rows.rows.map((r) => `"${r.name}"`).join(", ");
}

async function rebuildTable(db: Db, table: string): Promise<void> {
  const rebuilt = REBUILT(table);
  const indexes = await storedIndexDdl(db, table);
  const columns = await columnList(db, table);
  await sql.raw(rebuiltDdl(table, await storedTableDdl(db, table))).execute(db);
  await sql
    .raw(`insert into "${rebuilt}" (${columns}) select ${columns} from "${table}"`)
    .execute(db);
  // An autoincrement table: the copy set the new sequence to the highest id kept; the old one
  // may be higher (pruned or finished newest rows), keep it so no id is ever reused.
  await sql`delete from sqlite_sequence where name = ${rebuilt}`.execute(db);
  await sql`insert into sqlite_sequence (name, seq)
    select ${rebuilt}, seq from sqlite_sequence where name = ${table}`.execute(db);
  await sql.raw(`drop table "${table}"`).execute(db);
  await sql.raw(`alter table "${rebuilt}" rename to "${table}"`).execute(db);
  for (const ddl of indexes) await sql.raw(ddl).execute(db);
}

async function upSqlite(db: Db): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin immediate`.execute(db);
    try {
      for (const table of TENANT_TABLES) await rebuildTable(db, table);
      const broken = await sql`pragma foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new Error("0007: foreign key check failed");
      await sql`commit`.execute(db);
    } catch (error) {
      await sql`rollback`.execute(db);
      throw error;
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

async function upPostgres(db: Db): Promise<void> {
  for (const table of TENANT_TABLES) {
    await sql.raw(`alter table "${table}" alter column "tenant" drop default`).execute(db);
  }
  await sql`alter table kv drop constraint kv_pkey`.execute(db);
  await sql.raw(`alter table kv add ${KV_PK}`).execute(db);
}

/** The 0007 migration. */
export function tenantRequired0007(ops: DialectOps): Migration {
  return {
    up: async (db: Db) => {
      if (ops.kind === "sqlite") await upSqlite(db);
      else await upPostgres(db);
    },
  };
}
