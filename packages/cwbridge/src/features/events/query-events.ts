/**
 * The events log, read side: filtered queries, a polling follower (live tail / SSE), and
 * retention by size, each within the context's tenant. Rows come from `request_log` (written
 * by the client provider), read through the events repository.
 */
import { z } from "zod";
import type { AppContext } from "../../core/context.js";
import { DEFAULT_EVENTS_MAX_ROWS } from "../../config.js";
import type { StoredRequestLogEntry } from "../../store/request-log.js";
import type { RequestOutcome } from "../../store/schema.js";
import { EventsError } from "./errors.js";
import { eventsByIds, newestEventId, pruneTenantEvents, selectEvents } from "./repository.js";

/** Filters of {@link queryEvents}. */
export interface EventQuery {
  readonly connectionId?: string;
  /** Only events with `id > sinceId`, oldest first; without it: the newest `limit`, oldest first. */
  readonly sinceId?: number;
  /** 1..1000, default 100. */
  readonly limit?: number;
  readonly status?: number;
  /** `sending` = in flight (its row is completed when the attempt ends). */
  readonly outcome?: RequestOutcome;
  readonly jobId?: string;
  readonly method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
}

/** One event (a ConnectWise request attempt). */
export type EventRow = StoredRequestLogEntry;

/** The schema of an {@link EventQuery}. */
export const eventQuerySchema = z
  .object({
    connectionId: z.string().min(1).optional(),
    sinceId: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    status: z.number().int().min(100).max(599).optional(),
    outcome: z.enum(["sending", "ok", "retry", "error", "outcome_unknown", "planned"]).optional(),
    jobId: z.string().min(1).optional(),
    method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).optional(),
  })
  .strict();

/**
 * Validates a query; throws `CWB_ERR_EVENTS_INVALID` naming every bad field.
 *
 * @example
 * parseEventQuery({ limit: 50 });
 */
export function parseEventQuery(raw: unknown): EventQuery {
  const parsed = eventQuerySchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data as EventQuery;
  const fields = parsed.error.issues.map((i) =>
    i.code === "unrecognized_keys"
      ? `${i.keys.join(", ")}: unknown field`
      : `${i.path.join(".")}: ${i.message}`,
  );
  throw new EventsError("CWB_ERR_EVENTS_INVALID", `invalid events query: ${fields.join("; ")}`);
}

/**
 * Events matching the filters, in ascending id order.
 *
 * @example
 * const failures = await queryEvents(ctx, { connectionId, outcome: "error", limit: 50 });
 * const next = await queryEvents(ctx, { sinceId: failures.at(-1)?.id ?? 0 });
 */
export async function queryEvents(ctx: AppContext, raw: EventQuery = {}): Promise<EventRow[]> {
  const query = parseEventQuery(raw);
  return selectEvents(ctx.scope.db, { ...query, limit: query.limit ?? 100 });
}

/** Options of {@link followEvents}. */
export interface FollowOptions extends Omit<EventQuery, "limit"> {
  /** Poll interval when idle (ms); default 1000. */
  readonly pollMs?: number;
}

/**
 * Calls `onRow` once for every new event (after `sinceId`, or from now when omitted) until
 * `signal` aborts; polls by id, so nothing is skipped or repeated. An attempt is written
 * `sending` before it leaves and completed later: it is reported once, when complete (so a
 * request still in flight can come after newer ones), and an `outcome` filter applies to the
 * completed row. Only `outcome: "sending"` reports requests as they leave.
 *
 * @example
 * const ac = new AbortController();
 * void followEvents(ctx, { connectionId }, (e) => sse.send(e), ac.signal);
 */
export async function followEvents(
  ctx: AppContext,
  options: FollowOptions,
  onRow: (row: EventRow) => void | Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  const { pollMs = 1000, ...query } = options;
  parseEventQuery(query);
  const { outcome, ...filters } = query;
  let cursor = filters.sinceId ?? (await latestEventId(ctx));
  const inFlight = new Set<number>();
  while (!signal.aborted) {
    const completed = await completedSince(ctx, inFlight);
    const rows = await queryEvents(ctx, { ...filters, sinceId: cursor, limit: 500 });
    for (const row of [...completed, ...rows]) {
      if (signal.aborted) return;
      cursor = Math.max(cursor, row.id);
      if (row.outcome === "sending" && outcome !== "sending") inFlight.add(row.id);
      else if (outcome === undefined || row.outcome === outcome) await onRow(row);
    }
    if (rows.length < 500) await sleep(pollMs, signal);
  }
}

/** The rows of `ids` no longer `sending`; `ids` keeps only those still `sending` (not pruned). */
async function completedSince(ctx: AppContext, ids: Set<number>): Promise<EventRow[]> {
  if (ids.size === 0) return [];
  const rows = await eventsByIds(ctx.scope.db, [...ids]);
  ids.clear();
  for (const row of rows) if (row.outcome === "sending") ids.add(row.id);
  return rows.filter((r) => r.outcome !== "sending");
}

/**
 * The newest event id (0 when the log is empty).
 *
 * @example
 * const cursor = await latestEventId(ctx);
 */
export async function latestEventId(ctx: AppContext): Promise<number> {
  return newestEventId(ctx.scope.db);
}

/**
 * Retention by size, per tenant: keeps the tenant's newest `maxRows` events (default: config
 * `eventsMaxRows`, else 100 000); returns how many were deleted. (The engine's maintenance
 * prunes the whole log by size every few minutes: `app/maintenance.ts`.)
 *
 * @example
 * await pruneEvents(ctx, { maxRows: 50_000 });
 */
export async function pruneEvents(
  ctx: AppContext,
  options: { readonly maxRows?: number } = {},
): Promise<number> {
  const maxRows = options.maxRows ?? ctx.config.eventsMaxRows ?? DEFAULT_EVENTS_MAX_ROWS;
  if (!Number.isInteger(maxRows) || maxRows < 0) {
    throw new EventsError("CWB_ERR_EVENTS_INVALID", "maxRows must be a non-negative integer");
  }
  return pruneTenantEvents(ctx.scope.db, maxRows);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
