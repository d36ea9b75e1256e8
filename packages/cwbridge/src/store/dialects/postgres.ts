/**
 * PostgreSQL dialect (pg Pool): int8 parsed as number, advisory locks for migrations and
 * job claims.
 */
import pg from "pg";
import { Kysely, PostgresDialect, sql, type DatabaseIntrospector } from "kysely";
import { CurrentSchemaIntrospector } from "./current-schema-introspector.js";
import type { DialectOps } from "./dialect-ops.js";

const INT8_OID = 20;

/** Parses int8 (identity ids, `count(*)`) as a JS number instead of a string; safe below 2^53. */
function getTypeParser(oid: number, format?: "text" | "binary"): (value: string) => unknown {
  if (oid === INT8_OID && format !== "binary") return (value) => Number(value);
  return pg.types.getTypeParser(oid, format ?? "text") as (value: string) => unknown;
}

/** Options of {@link createPostgresPool}. */
export interface PostgresPoolOptions {
  /** Pool size (at least 2: migrations hold one connection for their lock). Default 10. */
  readonly max?: number;
  /** Errors of idle clients (e.g. the server restarted). Default: a process warning. */
  readonly onError?: (err: Error) => void;
  /** `application_name` of its connections (shown in `pg_stat_activity`). Default: pg's. */
  readonly applicationName?: string;
}

function warn(err: Error): void {
  process.emitWarning(err, "CwbridgePostgresPool");
}

/**
 * Creates a pg Pool for the store or for graphile-worker. Pool and client errors are reported,
 * never left unhandled (an unhandled `error` event would crash the process).
 *
 * @example
 * const pool = createPostgresPool("postgres://localhost/cwbridge", { max: 10 });
 */
export function createPostgresPool(url: string, options: PostgresPoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types: { getTypeParser },
    ...(options.applicationName === undefined ? {} : { application_name: options.applicationName }),
  });
  const onError = options.onError ?? warn;
  pool.on("error", onError);
  // A checked-out client (e.g. graphile-worker's LISTEN connection) can emit errors too.
  pool.on("connect", (client) => client.on("error", onError));
  return pool;
}

/**
 * A Kysely instance over a PostgreSQL pool.
 *
 * @example
 * const db = createPostgresKysely<Database>(createPostgresPool("postgres://localhost/cwbridge"));
 */
export function createPostgresKysely<DB>(pool: pg.Pool): Kysely<DB> {
  return new Kysely<DB>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
}

/** Kysely's PostgreSQL dialect with an introspector limited to the current schema. */
class CurrentSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}

/** Advisory lock key scoped to the current schema, so isolated schemas don't block each other. */
function lockKey(name: string) {
  return sql`hashtext(${name} || current_schema())`;
}

/** PostgreSQL's dialect operations. */
export const postgresOps: DialectOps = {
  kind: "postgres",
  identityType: "bigint",
  identityColumn: (col) => col.primaryKey().generatedByDefaultAsIdentity(),
  migrationTableSchema: async (db) => {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    return rows[0]?.schema;
  },
  withMigrationLock: (db, fn) =>
    db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(${lockKey("cwbridge.migrate.")})`.execute(conn);
      try {
        return await fn();
      } finally {
        await sql`select pg_advisory_unlock(${lockKey("cwbridge.migrate.")})`.execute(conn);
      }
    }),
  lockJobClaim: async (tx) => {
    await sql`select pg_advisory_xact_lock(${lockKey("cwbridge.jobs.claim.")})`.execute(tx);
  },
  skipLocked: true,
  isUniqueViolation: (err) =>
    typeof err === "object" && err !== null && "code" in err && err.code === "23505",
};
