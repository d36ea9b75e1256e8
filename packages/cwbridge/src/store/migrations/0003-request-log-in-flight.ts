/**
 * 0003: the events log records a request before it is sent.
 *
 * - `request_log.outcome` also allows `sending` (the row is written, and committed, before the
 *   attempt leaves; its completion updates the same row);
 * - `request_log.owner_host`, `owner_pid`: which process sent it, so a restart can tell a row
 *   abandoned by a dead process (see `request-log-sweep.ts`);
 * - `request_log_sending_idx`: a partial index over the rows still `sending` (the sweep reads
 *   only those; the index holds the few requests in flight, not the log).
 *
 * SQLite cannot change a CHECK constraint, so there the table is rebuilt (in one transaction,
 * keeping ids and the autoincrement sequence); PostgreSQL swaps the constraint.
 */
import { sql, type Kysely, type Migration } from "kysely";
import type { DialectOps } from "../dialects/dialect-ops.js";
import { enumColumn } from "./column-helpers.js";

type Db = Kysely<unknown>;

const OUTCOMES = ["sending", "ok", "retry", "error", "outcome_unknown", "planned"] as const;
const COLUMNS =
  "id, at, connection_id, method, path, status, latency_ms, attempt, outcome, error_code, job_id, cw_request_id";

async function createIndexes(db: Db): Promise<void> {
  await db.schema.createIndex("request_log_at_idx").on("request_log").column("at").execute();
  await db.schema
    .createIndex("request_log_connection_idx")
    .on("request_log")
    .columns(["connection_id", "id"])
    .execute();
}

async function createSendingIndex(db: Db): Promise<void> {
  await db.schema
    .createIndex("request_log_sending_idx")
    .on("request_log")
    .column("id")
    .where(sql.ref("outcome"), "=", "sending")
    .execute();
}

async function createRebuiltTable(db: Db, ops: DialectOps): Promise<void> {
  await db.schema
    .createTable("request_log_0003")
    .addColumn("id", ops.identityType, (c) => ops.identityColumn(c))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("connection_id", "text")
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("status", "integer")
    .addColumn("latency_ms", "integer", (c) => c.notNull())
    .addColumn("attempt", "integer", (c) => c.notNull())
    .addColumn("outcome", "text", enumColumn("outcome", OUTCOMES))
    .addColumn("error_code", "text")
    .addColumn("job_id", "text")
    .addColumn("cw_request_id", "text")
    .addColumn("owner_host", "text")
    .addColumn("owner_pid", "integer")
    .execute();
}

async function rebuildSqlite(db: Db, ops: DialectOps): Promise<void> {
  await sql`begin immediate`.execute(db);
  try {
    await createRebuiltTable(db, ops);
    await sql
      .raw(`insert into request_log_0003 (${COLUMNS}) select ${COLUMNS} from request_log`)
      .execute(db);
    // The copy set the new table's sequence to the highest id kept; the old sequence may be
    // higher (pruned newest rows): keep it, so no id is ever reused (follow cursors).
    await sql`delete from sqlite_sequence where name = 'request_log_0003'`.execute(db);
    await sql`insert into sqlite_sequence (name, seq)
      select 'request_log_0003', seq from sqlite_sequence where name = 'request_log'`.execute(db);
    await db.schema.dropTable("request_log").execute();
    await db.schema.alterTable("request_log_0003").renameTo("request_log").execute();
    await createIndexes(db);
    await createSendingIndex(db);
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  }
}

async function alterPostgres(db: Db): Promise<void> {
  const list = sql.join(OUTCOMES.map((o) => sql.lit(o)));
  await sql`alter table request_log drop constraint request_log_outcome_check`.execute(db);
  await sql`alter table request_log add constraint request_log_outcome_check
    check (outcome in (${list}))`.execute(db);
  await db.schema.alterTable("request_log").addColumn("owner_host", "text").execute();
  await db.schema.alterTable("request_log").addColumn("owner_pid", "integer").execute();
  await createSendingIndex(db);
}

/** The 0003 migration. */
export function requestLogInFlight0003(ops: DialectOps): Migration {
  return {
    up: async (db: Db) => {
      if (ops.kind === "sqlite") await rebuildSqlite(db, ops);
      else await alterPostgres(db);
    },
  };
}
