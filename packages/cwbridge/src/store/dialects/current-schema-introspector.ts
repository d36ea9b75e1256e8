/**
 * A PostgreSQL introspector that sees only the connection's `current_schema()`.
 *
 * Kysely's own `PostgresIntrospector` lists every table of every schema and calls
 * `has_schema_privilege(name)` / `pg_get_serial_sequence(name)` on each by name, so a schema
 * or table dropped by another session while the query runs fails it ("schema … does not
 * exist"). The migrator only asks whether its own tables exist in the store's schema, so this
 * one reads `pg_class` of the current schema by oid and returns names, no columns. Stores that
 * share a database (isolated schemas, several tenants' deployments) no longer trip each other.
 */
import {
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  type Kysely,
  type SchemaMetadata,
  type TableMetadata,
} from "kysely";

const KYSELY_TABLES = new Set(["kysely_migration", "kysely_migration_lock"]);

/** {@link DatabaseIntrospector} limited to `current_schema()`; tables come without columns. */
export class CurrentSchemaIntrospector implements DatabaseIntrospector {
  readonly #db: Kysely<unknown>;

  constructor(db: Kysely<unknown>) {
    this.#db = db;
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(this.#db);
    return rows.filter((row) => row.name !== null);
  }

  async getTables(
    options: DatabaseMetadataOptions = { withInternalKyselyTables: false },
  ): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; kind: string }>`
      select c.relname as name, n.nspname as schema, c.relkind as kind
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'v', 'p')
      order by c.relname`.execute(this.#db);
    return rows
      .filter((row) => options.withInternalKyselyTables === true || !KYSELY_TABLES.has(row.name))
      .map((row) => ({
        name: row.name,
        schema: row.schema,
        isView: row.kind === "v",
        columns: [],
      }));
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    return { tables: await this.getTables(options) };
  }
}
