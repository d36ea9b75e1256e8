/**
 * The events log, read side: filtered queries and retention by size (the polling follower,
 * live tail / SSE, is `event-stream.ts`), each within the context's tenant. Rows come from `request_log` (written
 * by the client provider), read through the events repository.
 */
import { z } from "zod";
import type { AppContext } from "../../core/context.js";
import { DEFAULT_EVENTS_MAX_ROWS } from "../../config.js";
import type { StoredRequestLogEntry } from "../../store/request-log.js";
import type { RequestOutcome } from "../../store/schema.js";
import { EventsError } from "./errors.js";
import { newestEventId, pruneTenantEvents, selectEvents } from "./repository.js";

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
    connectionId: z.string().min(1).optional().describe("only this connection's requests"),
    sinceId: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("only events after this id (oldest first); without it, the newest `limit`"),
    limit: z.number().int().min(1).max(1000).optional().describe("at most this many (default 100)"),
    status: z.number().int().min(100).max(599).optional().describe("only this HTTP status"),
    outcome: z
      .enum(["sending", "ok", "retry", "error", "outcome_unknown", "planned"])
      .optional()
      .describe("only this outcome (`sending` = in flight)"),
    jobId: z.string().min(1).optional().describe("only the requests of this job"),
    method: z
      .enum(["GET", "POST", "PUT", "PATCH", "DELETE"])
      .optional()
      .describe("only this HTTP method"),
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
  throw eventsQueryInvalid(parsed.error);
}

/**
 * The `CWB_ERR_EVENTS_INVALID` of a refused query, naming every bad field.
 *
 * @example
 * throw eventsQueryInvalid(parsed.error);
 */
export function eventsQueryInvalid(error: z.ZodError): EventsError {
  const fields = error.issues.map((i) =>
    i.code === "unrecognized_keys"
      ? `${i.keys.join(", ")}: unknown field`
      : `${i.path.join(".")}: ${i.message}`,
  );
  return new EventsError("CWB_ERR_EVENTS_INVALID", `invalid events query: ${fields.join("; ")}`);
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
