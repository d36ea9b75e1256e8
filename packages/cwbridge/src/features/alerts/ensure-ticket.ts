/**
 * `ensure-ticket` (reliability §2.4): exactly one ticket per incident generation; the decision
 * itself is pure (`domain/ticket-create.ts`).
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
 * The incident's status does not matter here: an incident resolved before its ticket existed
 * (the create still queued, held by a dead worker, or in doubt) still gets its ticket, which
 * the close step then closes. The outcome of a fire never depends on crashes.
 */
import { and, eq } from "@cwbridge/connectwise";
import type { Ticket } from "@cwbridge/connectwise/schemas";
import {
  decideTicketCreate,
  mustSearchFirst,
  type TicketCreateFacts,
} from "../../domain/ticket-create.js";
import type { Incident, IncidentData } from "./incident-record.js";
import { invalidateRouteCache, resolveRouteTarget } from "./route-resolver.js";
import {
  CONTINUE,
  boardData,
  boardIdOf,
  isAmbiguous,
  isNotFound,
  isValidation,
  nowOf,
  update,
  type StepContext,
  type StepResult,
} from "./step-context.js";
import { ticketCreateBody } from "./ticket-text.js";

const RELAXED = { durability: "relaxed" } as const;

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

function createFacts(incident: Incident): TicketCreateFacts {
  const since = incident.outcomeUnknownSince;
  return {
    attempts: incident.attempts,
    ...(since === null ? {} : { outcomeUnknownSinceMs: Date.parse(since) }),
  };
}

/** Search first; `undefined` when nothing was found and the create may go ahead. */
async function searchFirst(step: StepContext, incident: Incident): Promise<StepResult | undefined> {
  const found = await findOpenTicket(step.cw, incident.externalXRef);
  if (found !== undefined) {
    await update(step, incident.key, (i) => (i.ticketId === null ? adopt(i, found) : undefined));
    return CONTINUE;
  }
  const nowMs = step.ctx.clock.now().getTime();
  const decision = decideTicketCreate(createFacts(incident), nowMs, step.settings.settleWindowMs);
  return decision.kind === "create"
    ? undefined
    : { kind: "wait", delayMs: decision.untilMs - nowMs };
}

/**
 * The incident's names with the mapping's site named (one read, only when the mapping has a
 * site whose name is not known yet); a site ConnectWise no longer has for the company is left
 * off the ticket. `undefined` when nothing changes.
 */
async function siteNames(
  step: StepContext,
  incident: Incident,
): Promise<IncidentData["names"] | undefined> {
  const names = incident.data.names;
  const siteId = names?.siteId;
  if (names === undefined || siteId === undefined || names.siteName !== undefined) return undefined;
  try {
    const site = await step.cw.companies
      .sites(incident.data.companyId)
      .get(siteId, { fields: ["id", "name"] });
    return site.name === undefined ? undefined : { ...names, siteName: site.name };
  } catch (error) {
    if (!isNotFound(error)) throw error;
    const { siteId: _gone, ...rest } = names;
    return rest;
  }
}

/**
 * Runs the `ensure-ticket` step for a loaded incident (see the module comment).
 *
 * @example
 * const result = await ensureTicket(step, incident); // { kind: "continue" } or { kind: "wait", delayMs }
 */
export async function ensureTicket(step: StepContext, incident: Incident): Promise<StepResult> {
  if (incident.ticketId !== null) return CONTINUE;
  if (mustSearchFirst(createFacts(incident))) {
    const searched = await searchFirst(step, incident);
    if (searched !== undefined) return searched;
  }
  const { ctx, cw } = step;
  const route = await resolveRouteTarget(ctx, incident.connectionId, incident.data.route ?? {}, cw);
  const site = await siteNames(step, incident);
  const sending = await update(step, incident.key, (i) => ({
    ...i,
    attempts: i.attempts + 1,
    outcomeUnknownSince: nowOf(step),
    data: { ...i.data, ...(site === undefined ? {} : { names: site }) },
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
