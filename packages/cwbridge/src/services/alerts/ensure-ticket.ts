/**
 * `ensure-ticket` (reliability §2.4): exactly one ticket per incident generation.
 *
 * - a ticket id is known → nothing to do;
 * - a create was attempted before (`attempts > 0`) or its outcome is unknown → SEARCH first
 *   (`externalXRef = <xref> and closedFlag = false`) and adopt what is found; while an
 *   ambiguous create is younger than the settle window, search again later instead of creating;
 * - otherwise record the attempt (`attempts + 1`, `outcome_unknown_since = now` — "sending")
 *   and COMMIT, then POST; success stores the ticket id; an ambiguous failure keeps the
 *   incident "outcome unknown" and rethrows (the job retries and searches first); a definite
 *   failure clears the marker and rethrows.
 *
 * An incident resolved before any create was attempted is closed without a ticket; one resolved
 * while a create is in doubt adopts and closes what the search finds (a ticket committed later
 * still is closed by the reconcile sweep, because its incident is closed locally).
 */
import { and, eq } from "@cwbridge/connectwise";
import type { Ticket } from "@cwbridge/connectwise/schemas";
import type { Incident } from "./incident-record.js";
import { invalidateRouteCache, resolveRouteTarget } from "./route-resolver.js";
import {
  CONTINUE,
  boardData,
  boardIdOf,
  isAmbiguous,
  isValidation,
  nowOf,
  update,
  type StepContext,
  type StepResult,
} from "./step-context.js";
import { ticketCreateBody } from "./ticket-text.js";

const RELAXED = { durability: "relaxed" } as const;

/** Re-searches after an ambiguous create, measured from its start (then create again). */
export const SETTLE_SEARCH_OFFSETS_MS = [5_000, 30_000, 120_000, 600_000] as const;

/**
 * The open ticket carrying `xref` with the lowest id, if any.
 *
 * @example
 * const ticket = await findOpenTicket(cw, incident.externalXRef);
 */
export async function findOpenTicket(
  cw: StepContext["cw"],
  xref: string,
): Promise<Ticket | undefined> {
  const rows = await cw.tickets.list({
    conditions: and(eq("externalXRef", xref), eq("closedFlag", false)),
    orderBy: "id asc",
    pageSize: 10,
  });
  return rows.sort((a, b) => a.id - b.id)[0];
}

/**
 * When to search again while an ambiguous create settles, or `undefined` once the settle
 * window has passed (create again).
 *
 * @example
 * nextSettleSearch(Date.parse(since), Date.now(), 900_000)
 */
export function nextSettleSearch(
  sinceMs: number,
  nowMs: number,
  settleMs: number,
): Date | undefined {
  if (nowMs - sinceMs >= settleMs) return undefined;
  const offset = SETTLE_SEARCH_OFFSETS_MS.find((o) => sinceMs + o > nowMs) ?? settleMs;
  return new Date(sinceMs + Math.min(offset, settleMs));
}

function adopt(incident: Incident, ticket: Ticket): Incident {
  return {
    ...incident,
    ticketId: ticket.id,
    state: incident.state === "opening" ? "open" : incident.state,
    outcomeUnknownSince: null,
    data: {
      ...incident.data,
      ...boardData(ticket),
      ticketClosed: ticket.closedFlag === true,
    },
  };
}

function closedWithoutTicket(incident: Incident, at: string): Incident | undefined {
  if (incident.state !== "resolving" || incident.ticketId !== null) return undefined;
  return { ...incident, state: "closed", closedAt: at, outcomeUnknownSince: null };
}

function created(incident: Incident, ticket: Ticket, boardId: number | undefined): Incident {
  // A reopen requested before the ticket existed does not apply to a brand-new ticket.
  const { reopen: _reopen, reopenSending: _sending, ...data } = incident.data;
  const board = boardIdOf(ticket) ?? boardId;
  return {
    ...incident,
    ticketId: ticket.id,
    state: incident.state === "opening" ? "open" : incident.state,
    outcomeUnknownSince: null,
    data: { ...data, ...(board === undefined ? {} : { boardId: board }), ticketClosed: false },
  };
}

async function searchFirst(step: StepContext, incident: Incident): Promise<StepResult | undefined> {
  const found = await findOpenTicket(step.cw, incident.externalXRef);
  if (found !== undefined) {
    await update(step, incident.key, (i) => (i.ticketId === null ? adopt(i, found) : undefined));
    return CONTINUE;
  }
  if (incident.state === "resolving") {
    await update(step, incident.key, (i) => closedWithoutTicket(i, nowOf(step)));
    return CONTINUE;
  }
  if (incident.outcomeUnknownSince === null) return undefined;
  const nowMs = step.ctx.clock.now().getTime();
  const runAt = nextSettleSearch(
    Date.parse(incident.outcomeUnknownSince),
    nowMs,
    step.settings.settleWindowMs,
  );
  return runAt === undefined ? undefined : { kind: "wait", delayMs: runAt.getTime() - nowMs };
}

/**
 * Runs the `ensure-ticket` step for a loaded incident (see the module comment).
 *
 * @example
 * const result = await ensureTicket(step, incident); // { kind: "continue" } or { kind: "wait", delayMs }
 */
export async function ensureTicket(step: StepContext, incident: Incident): Promise<StepResult> {
  if (incident.ticketId !== null) return CONTINUE;
  if (incident.attempts > 0 || incident.outcomeUnknownSince !== null) {
    const searched = await searchFirst(step, incident);
    if (searched !== undefined) return searched;
  } else if (incident.state === "resolving") {
    await update(step, incident.key, (i) => closedWithoutTicket(i, nowOf(step)));
    return CONTINUE;
  }
  const { ctx, cw } = step;
  const route = await resolveRouteTarget(ctx, incident.connectionId, incident.data.route ?? {}, cw);
  const sending = await update(step, incident.key, (i) => ({
    ...i,
    attempts: i.attempts + 1,
    outcomeUnknownSince: nowOf(step),
  }));
  let ticket: Ticket;
  try {
    ticket = await cw.tickets.create(ticketCreateBody(sending, route));
  } catch (error) {
    if (!isAmbiguous(error)) {
      if (isValidation(error)) invalidateRouteCache(ctx, incident.connectionId);
      await update(step, incident.key, (i) => ({ ...i, outcomeUnknownSince: null }));
    }
    throw error;
  }
  // Relaxed: if a power cut loses this write, the durable "sending" marker makes the next run
  // search, and the search finds this ticket.
  await update(step, incident.key, (i) => created(i, ticket, route.boardId), RELAXED);
  return CONTINUE;
}
