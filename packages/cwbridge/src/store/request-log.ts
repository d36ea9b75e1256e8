/**
 * The events log (every ConnectWise request): append, begin/finish an attempt, query, prune by
 * size. Rows are snake_case; callers see camelCase `RequestLogEntry` objects.
 *
 * An attempt is logged in two steps so that nothing is lost across a crash: `beginRequestLog`
 * inserts a `sending` row (one small insert, committed before the request leaves) and
 * `finishRequestLog` updates that row with the result. Rows a dead process left `sending`
 * are settled by `request-log-sweep.ts`.
 */
import { sql, type Kysely, type Selectable } from "kysely";
import { DEFAULT_TENANT } from "../core/tenant.js";
import type { RequestOwner } from "./request-log-owner.js";
import type { Database, RequestLogTable, RequestOutcome } from "./schema.js";

/** One logged request, as the application sees it. Paths never carry secrets. */
export interface RequestLogEntry {
  readonly at: string;
  readonly connectionId: string | null;
  readonly method: string;
  readonly path: string;
  readonly status: number | null;
  readonly latencyMs: number;
  readonly attempt: number;
  readonly outcome: RequestOutcome;
  readonly errorCode: string | null;
  readonly jobId: string | null;
  readonly cwRequestId: string | null;
}

/** A stored entry, with its increasing id (use it as a cursor). */
export interface StoredRequestLogEntry extends RequestLogEntry {
  readonly id: number;
}

/** Filters for {@link queryRequestLog}. */
export interface RequestLogQuery {
  readonly connectionId?: string;
  /** Only entries with `id > sinceId` (tailing / SSE). */
  readonly sinceId?: number;
  readonly status?: number;
  readonly outcome?: RequestOutcome;
  readonly limit: number;
}

/**
 * A row's tenant is its connection's (an unsaved connection's requests, e.g. a credentials
 * test before `connections add`, are `default`'s).
 */
function tenantOf(db: Kysely<Database>, connectionId: string | null) {
  if (connectionId === null) return DEFAULT_TENANT;
  return sql<string>`coalesce((${db
    .selectFrom("connections")
    .select("tenant")
    .where("id", "=", connectionId)}), ${DEFAULT_TENANT})`;
}

function toRow(db: Kysely<Database>, entry: RequestLogEntry) {
  return {
    tenant: tenantOf(db, entry.connectionId),
    at: entry.at,
    connection_id: entry.connectionId,
    method: entry.method,
    path: entry.path,
    status: entry.status,
    latency_ms: entry.latencyMs,
    attempt: entry.attempt,
    outcome: entry.outcome,
    error_code: entry.errorCode,
    job_id: entry.jobId,
    cw_request_id: entry.cwRequestId,
  };
}

/**
 * A stored row as the application sees it: the one `request_log` row mapper (the events
 * feature reads through it too). The id is a number on both dialects.
 *
 * @example
 * const entries = rows.map(toRequestLogEntry);
 */
export function toRequestLogEntry(row: Selectable<RequestLogTable>): StoredRequestLogEntry {
  return {
    id: Number(row.id),
    at: row.at,
    connectionId: row.connection_id,
    method: row.method,
    path: row.path,
    status: row.status,
    latencyMs: row.latency_ms,
    attempt: row.attempt,
    outcome: row.outcome,
    errorCode: row.error_code,
    jobId: row.job_id,
    cwRequestId: row.cw_request_id,
  };
}

/**
 * Appends entries in one statement (pass a transaction to make it atomic with other writes).
 *
 * @example
 * await appendRequestLog(store.db, [{ at: nowIso(), connectionId, method: "GET", path: "/system/info",
 *   status: 200, latencyMs: 42, attempt: 1, outcome: "ok", errorCode: null, jobId: null, cwRequestId: null }]);
 */
export async function appendRequestLog(
  db: Kysely<Database>,
  entries: readonly RequestLogEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto("request_log")
    .values(entries.map((entry) => toRow(db, entry)))
    .execute();
}

/** What is known before an attempt is sent. */
export interface RequestStart {
  readonly at: string;
  readonly connectionId: string | null;
  readonly method: string;
  readonly path: string;
  readonly attempt: number;
  readonly jobId: string | null;
  readonly owner: RequestOwner;
}

/** What an attempt's completion records. */
export interface RequestFinish {
  readonly status: number | null;
  readonly latencyMs: number;
  readonly attempt: number;
  readonly outcome: Exclude<RequestOutcome, "sending" | "planned">;
  readonly errorCode: string | null;
  readonly cwRequestId: string | null;
}

/**
 * Inserts the `sending` row of an attempt and returns its id for {@link finishRequestLog}.
 * Committed when this resolves; durable too, unless run in a relaxed transaction (the engine's).
 *
 * @example
 * const id = await beginRequestLog(store.db, { at: nowIso(), connectionId, method: "POST",
 *   path: "/service/tickets", attempt: 1, jobId: null, owner: currentOwner() });
 */
export async function beginRequestLog(db: Kysely<Database>, start: RequestStart): Promise<number> {
  const row = await db
    .insertInto("request_log")
    .values({
      tenant: tenantOf(db, start.connectionId),
      at: start.at,
      connection_id: start.connectionId,
      method: start.method,
      path: start.path,
      status: null,
      latency_ms: 0,
      attempt: start.attempt,
      outcome: "sending",
      error_code: null,
      job_id: start.jobId,
      cw_request_id: null,
      owner_host: start.owner.host,
      owner_pid: start.owner.pid,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * Records an attempt's result on its row (whatever the row's outcome: a row swept as
 * `outcome_unknown` while its owner was paused is corrected).
 *
 * @example
 * await finishRequestLog(store.db, id, { status: 201, latencyMs: 84, attempt: 1, outcome: "ok",
 *   errorCode: null, cwRequestId: "rq-1" });
 */
export async function finishRequestLog(
  db: Kysely<Database>,
  id: number,
  finish: RequestFinish,
): Promise<void> {
  await db
    .updateTable("request_log")
    .set({
      status: finish.status,
      latency_ms: finish.latencyMs,
      attempt: finish.attempt,
      outcome: finish.outcome,
      error_code: finish.errorCode,
      cw_request_id: finish.cwRequestId,
    })
    .where("id", "=", id)
    .execute();
}

/**
 * Entries in ascending id order. With `sinceId`: the first `limit` entries after it; without:
 * the most recent `limit` entries.
 *
 * @example
 * const page = await queryRequestLog(store.db, { connectionId, sinceId: lastSeen, limit: 100 });
 */
export async function queryRequestLog(
  db: Kysely<Database>,
  query: RequestLogQuery,
): Promise<StoredRequestLogEntry[]> {
  let q = db.selectFrom("request_log").selectAll();
  if (query.connectionId !== undefined) q = q.where("connection_id", "=", query.connectionId);
  if (query.status !== undefined) q = q.where("status", "=", query.status);
  if (query.outcome !== undefined) q = q.where("outcome", "=", query.outcome);
  if (query.sinceId !== undefined) q = q.where("id", ">", query.sinceId);
  const tail = query.sinceId === undefined;
  const rows = await q
    .orderBy("id", tail ? "desc" : "asc")
    .limit(query.limit)
    .execute();
  if (tail) rows.reverse();
  return rows.map(toRequestLogEntry);
}

/**
 * Retention by size: keeps the newest `maxRows` entries, deletes the rest.
 *
 * @example
 * const deleted = await pruneRequestLog(store.db, { maxRows: 100_000 });
 */
export async function pruneRequestLog(
  db: Kysely<Database>,
  options: { readonly maxRows: number },
): Promise<number> {
  const cutoff = await db
    .selectFrom("request_log")
    .select("id")
    .orderBy("id", "desc")
    .limit(1)
    .offset(options.maxRows)
    .executeTakeFirst();
  if (cutoff === undefined) return 0;
  const result = await db.deleteFrom("request_log").where("id", "<=", cutoff.id).executeTakeFirst();
  return Number(result.numDeletedRows);
}
