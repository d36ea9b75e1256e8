/**
 * 0005: every row belongs to a tenant.
 *
 * - every table gets `tenant text not null default 'default'`: the rows already there are the
 *   tenant `default`'s (the default stays, so an older binary still writing during a rolling
 *   upgrade writes into `default`, never into no tenant);
 * - names are unique per tenant, not globally: `connections (tenant, name)` and
 *   `sources (tenant, name)` replace the unique `name` constraints (entity ids stay global
 *   UUIDs, so every other key and foreign key is unchanged);
 * - `<table>_tenant_idx` on the tables that are listed by tenant.
 *
 * SQLite cannot drop a column's UNIQUE constraint, so there `connections` and `sources` are
 * rebuilt from their own stored DDL, with foreign keys off for the swap (other tables reference
 * them by name, and a DROP with foreign keys on would cascade), inside one transaction that
 * checks the foreign keys before it commits. PostgreSQL swaps the constraints in place.
 */
import { sql, type Kysely, type Migration } from "kysely";
import type { DialectOps } from "../dialects/dialect-ops.js";

type Db = Kysely<unknown>;

/** Every table of the schema at 0004. */
export const TENANT_TABLES = [
  "connections",
  "sources",
  "customers",
  "cw_companies",
  "mappings",
  "devices",
  "config_types",
  "incidents",
  "inbound_events",
  "routing_rules",
  "request_log",
  "jobs",
  "kv",
] as const;

/** Tables whose names are unique per tenant (rebuilt on SQLite). */
const NAMED = ["connections", "sources"] as const;

/** Tables listed by tenant (an index on `tenant` first). */
const LISTED = ["connections", "sources", "incidents", "routing_rules", "request_log"] as const;

async function addTenantColumn(db: Db, table: string): Promise<void> {
  await db.schema
    .alterTable(table)
    .addColumn("tenant", "text", (c) => c.notNull().defaultTo("default"))
    .execute();
}

async function createTenantIndexes(db: Db): Promise<void> {
  for (const table of LISTED) {
    await db.schema.createIndex(`${table}_tenant_idx`).on(table).column("tenant").execute();
  }
  for (const table of NAMED) {
    await db.schema
      .createIndex(`${table}_tenant_name_uq`)
      .on(table)
      .columns(["tenant", "name"])
      .unique()
      .execute();
  }
}

/** The stored DDL of a table without the UNIQUE on its `name` column. */
async function ddlWithoutNameUnique(db: Db, table: string, rebuilt: string): Promise<string> {
  const row = await sql<{ sql: string }>`select sql from sqlite_master
    where type = 'table' and name = ${table}`.execute(db);
  const ddl = row.rows[0]?.sql;
  const unique = /"name" text not null unique/i;
  if (ddl === undefined || !unique.test(ddl)) {
    throw new Error(`0005: unexpected DDL of ${table}`);
  }
  return ddl.replace(unique, '"name" text not null').replace(`"${table}"`, `"${rebuilt}"`);
}

async function rebuildNamedTable(db: Db, table: string): Promise<void> {
  const rebuilt = `${table}_0005`;
  await sql.raw(await ddlWithoutNameUnique(db, table, rebuilt)).execute(db);
  await sql.raw(`insert into "${rebuilt}" select * from "${table}"`).execute(db);
  await sql.raw(`drop table "${table}"`).execute(db);
  await sql.raw(`alter table "${rebuilt}" rename to "${table}"`).execute(db);
}

async function upSqlite(db: Db): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin immediate`.execute(db);
    try {
      for (const table of TENANT_TABLES) await addTenantColumn(db, table);
      for (const table of NAMED) await rebuildNamedTable(db, table);
      await createTenantIndexes(db);
      const broken = await sql`pragma foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new Error("0005: foreign key check failed");
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
  for (const table of TENANT_TABLES) await addTenantColumn(db, table);
  for (const table of NAMED) {
    await sql.raw(`alter table "${table}" drop constraint "${table}_name_key"`).execute(db);
  }
  await createTenantIndexes(db);
}

/** The 0005 migration. */
export function tenants0005(ops: DialectOps): Migration {
  return {
    up: async (db: Db) => {
      if (ops.kind === "sqlite") await upSqlite(db);
      else await upPostgres(db);
    },
  };
}
