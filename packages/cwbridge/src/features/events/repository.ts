/**
 * The events repository: the events feature's reads (and its retention) of `request_log`,
 * through the tenant-scoped handle, so a tenant sees and prunes its own events only. The
 * writes stay in the ConnectWise adapter (`store/request-log.ts`, which stamps each row with
 * its connection's tenant); rows are mapped by the store's one mapper, `toRequestLogEntry`.
 */
import { toRequestLogEntry, type StoredRequestLogEntry } from "../../store/request-log.js";
import type { RequestOutcome } from "../../store/schema.js";
import type { TenantDb } from "../../store/tenant-scope.js";

/** Filters of {@link selectEvents} (already validated). */
export interface EventFilters {
  readonly connectionId?: string | undefined;
  readonly sinceId?: number | undefined;
  readonly limit: number;
  readonly status?: number | undefined;
  readonly outcome?: RequestOutcome | undefined;
  readonly jobId?: string | undefined;
  readonly method?: string | undefined;
}

/**
 * The tenant's events matching the filters, in ascending id order: after `sinceId` the first
 * `limit`, else the newest `limit`.
 *
 * @example
 * const rows = await selectEvents(ctx.scope.db, { outcome: "error", limit: 50 });
 */
export async function selectEvents(
  db: TenantDb,
  filters: EventFilters,
): Promise<StoredRequestLogEntry[]> {
  let q = db.selectFrom("request_log").selectAll();
  if (filters.connectionId !== undefined) q = q.where("connection_id", "=", filters.connectionId);
  if (filters.status !== undefined) q = q.where("status", "=", filters.status);
  if (filters.outcome !== undefined) q = q.where("outcome", "=", filters.outcome);
  if (filters.jobId !== undefined) q = q.where("job_id", "=", filters.jobId);
  if (filters.method !== undefined) q = q.where("method", "=", filters.method);
  if (filters.sinceId !== undefined) q = q.where("id", ">", filters.sinceId);
  const tail = filters.sinceId === undefined;
  const rows = await q
    .orderBy("id", tail ? "desc" : "asc")
    .limit(filters.limit)
    .execute();
  if (tail) rows.reverse();
  return rows.map(toRequestLogEntry);
}

/**
 * The tenant's events of `ids` (those not pruned), by id.
 *
 * @example
 * const rows = await eventsByIds(ctx.scope.db, [41, 42]);
 */
export async function eventsByIds(
  db: TenantDb,
  ids: readonly number[],
): Promise<StoredRequestLogEntry[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("request_log")
    .selectAll()
    .where("id", "in", ids)
    .orderBy("id")
    .execute();
  return rows.map(toRequestLogEntry);
}

/**
 * The tenant's newest event id (0 when it has none).
 *
 * @example
 * const cursor = await newestEventId(ctx.scope.db);
 */
export async function newestEventId(db: TenantDb): Promise<number> {
  const row = await db
    .selectFrom("request_log")
    .select("id")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? 0 : Number(row.id);
}

/**
 * Keeps the tenant's newest `maxRows` events and deletes its older ones; returns how many.
 *
 * @example
 * const deleted = await pruneTenantEvents(ctx.scope.db, 100_000);
 */
export async function pruneTenantEvents(db: TenantDb, maxRows: number): Promise<number> {
  const cutoff = await db
    .selectFrom("request_log")
    .select("id")
    .orderBy("id", "desc")
    .limit(1)
    .offset(maxRows)
    .executeTakeFirst();
  if (cutoff === undefined) return 0;
  const result = await db.deleteFrom("request_log").where("id", "<=", cutoff.id).executeTakeFirst();
  return Number(result.numDeletedRows);
}
