/**
 * A ticket closed in ConnectWise by someone else (a technician; learned from a ticket callback
 * or a re-read): its incident is closed as the domain says for a technician's close, so a
 * re-fire within the reopen window reopens that ticket and a later one opens a new ticket.
 */
import { applyIncidentOutcome } from "../../domain/incident.js";
import type { AppContext } from "../../core/context.js";
import { incidentKeyOfTicket, mutateIncident } from "./incident-repository.js";
import { toDomainState, type Incident } from "./incident-record.js";

function closedByTechnician(incident: Incident, now: Date): Incident | undefined {
  if (incident.state === "closed") return undefined;
  const next = applyIncidentOutcome(
    toDomainState(incident),
    { kind: "ticket-closed", by: "technician" },
    now.getTime(),
  );
  const { note: _note, reopen: _reopen, ...data } = incident.data;
  return {
    ...incident,
    state: "closed",
    resolvedAt:
      next.closedAt === undefined ? incident.resolvedAt : new Date(next.closedAt).toISOString(),
    closedAt: now.toISOString(),
    data: { ...data, ticketClosed: true },
  };
}

/**
 * Records that ticket `ticketId` of `connectionId` was closed outside cwbridge; returns the
 * updated incident, or `undefined` when no incident owns that ticket.
 *
 * @example
 * // in the ticket-callback handler, after re-reading the ticket:
 * if (ticket.closedFlag) await recordTicketClosed(ctx, connectionId, ticket.id);
 */
export async function recordTicketClosed(
  ctx: Pick<AppContext, "scope" | "clock">,
  connectionId: string,
  ticketId: number,
): Promise<Incident | undefined> {
  const key = await incidentKeyOfTicket(ctx.scope.db, connectionId, ticketId);
  if (key === undefined) return undefined;
  const now = ctx.clock.now();
  return mutateIncident(ctx.scope, key, (incident) =>
    incident.ticketId === ticketId ? closedByTechnician(incident, now) : undefined,
  );
}
