/**
 * Following the events log (live tail, the server's SSE): a stream of the events after a
 * cursor, with the filters of a query, polled by id so nothing is skipped or repeated.
 */
import { z } from "zod";
import type { AppContext } from "../../core/context.js";
import {
  eventQuerySchema,
  eventsQueryInvalid,
  latestEventId,
  queryEvents,
  type EventQuery,
  type EventRow,
} from "./query-events.js";
import { eventsByIds } from "./repository.js";

/** The schema of {@link FollowOptions}: a query's filters (no `limit`) and the poll interval. */
export const followQuerySchema = eventQuerySchema
  .omit({ limit: true })
  .extend({
    pollMs: z
      .number()
      .int()
      .min(1)
      .max(60_000)
      .optional()
      .describe("poll interval when idle, in ms (default 1000)"),
  })
  .strict();

/** Options of {@link openEventStream} and {@link followEvents}. */
export interface FollowOptions extends Omit<EventQuery, "limit"> {
  /** Poll interval when idle (ms); default 1000. */
  readonly pollMs?: number;
}

/** The events after a cursor, as they come; `close()` ends it (a pending `next()` is done). */
export interface EventStream extends AsyncIterable<EventRow> {
  close(): void;
}

/** How many rows one poll reads at most. */
const PAGE = 500;

/**
 * Validates follow options; throws `CWB_ERR_EVENTS_INVALID` naming every bad field.
 *
 * @example
 * parseFollowQuery({ connectionId, pollMs: 250 });
 */
export function parseFollowQuery(raw: unknown): FollowOptions {
  const parsed = followQuerySchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data as FollowOptions;
  throw eventsQueryInvalid(parsed.error);
}

/**
 * Opens a stream of every new event (after `sinceId`, or after the newest event now when
 * omitted) until it is closed. An attempt is written `sending` before it leaves and completed
 * later: it comes once, when complete (so a request still in flight can come after newer
 * ones), and an `outcome` filter applies to the completed row. Only `outcome: "sending"`
 * reports requests as they leave.
 *
 * @example
 * const stream = await openEventStream(ctx, { connectionId });
 * request.signal.addEventListener("abort", () => stream.close());
 * for await (const event of stream) sse.send(event);
 */
export async function openEventStream(
  ctx: AppContext,
  options: FollowOptions = {},
): Promise<EventStream> {
  const { pollMs = 1000, outcome, ...filters } = parseFollowQuery(options);
  const closed = new AbortController();
  let cursor = filters.sinceId ?? (await latestEventId(ctx));
  const inFlight = new Set<number>();
  async function* rows(): AsyncGenerator<EventRow, void> {
    while (!closed.signal.aborted) {
      const completed = await completedSince(ctx, inFlight);
      const page = await queryEvents(ctx, { ...filters, sinceId: cursor, limit: PAGE });
      for (const row of [...completed, ...page]) {
        if (closed.signal.aborted) return;
        cursor = Math.max(cursor, row.id);
        if (row.outcome === "sending" && outcome !== "sending") inFlight.add(row.id);
        else if (outcome === undefined || row.outcome === outcome) yield row;
      }
      if (page.length < PAGE) await sleep(pollMs, closed.signal);
    }
  }
  const iterator = rows();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: () => closed.abort(),
  };
}

/**
 * Calls `onRow` once for every new event (see {@link openEventStream}) until `signal` aborts.
 *
 * @example
 * const ac = new AbortController();
 * void followEvents(ctx, { connectionId }, (e) => console.log(e.path), ac.signal);
 */
export async function followEvents(
  ctx: AppContext,
  options: FollowOptions,
  onRow: (row: EventRow) => void | Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  await followStream(await openEventStream(ctx, options), onRow, signal);
}

/**
 * Hands every event of `stream` to `onRow` until `signal` aborts, then closes the stream.
 *
 * @example
 * await followStream(await callUseCase(ctx, eventsFeature.useCases.follow, {}), print, signal);
 */
export async function followStream(
  stream: EventStream,
  onRow: (row: EventRow) => void | Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  const stop = (): void => stream.close();
  if (signal.aborted) stop();
  signal.addEventListener("abort", stop, { once: true });
  try {
    for await (const row of stream) {
      if (signal.aborted) return;
      await onRow(row);
    }
  } finally {
    signal.removeEventListener("abort", stop);
    stop();
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
