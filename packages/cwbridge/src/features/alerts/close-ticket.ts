/**
 * `close-ticket` (resolve): a resolution note (once; its text says what the resolve said and
 * carries the readable incident key), then a PATCH to the closed status of the ticket's board ("Closed" preferred, the
 * configured close status first). A ticket that is gone (404) closes the incident as an
 * orphan; one already closed (by a technician) counts as closed.
 *
 * No read before the writes on the happy path (request budget: note + PATCH); reads happen
 * only when a previous run is in doubt or ConnectWise rejects the status (board moved).
 */
import type { Incident } from "./incident-record.js";
import { CONTINUE, nowOf, update, type StepContext, type StepResult } from "./step-context.js";
import { ticketGone } from "./ticket-gone.js";
import { writeNoteOnce } from "./ticket-notes.js";
import { setTicketStatus, ticketOf } from "./ticket-status.js";
import { resolutionNoteText } from "./ticket-text.js";

function withoutTicketClosed(data: Incident["data"]): Incident["data"] {
  const { ticketClosed: _t, ...rest } = data;
  return rest;
}

async function resolutionNote(
  step: StepContext,
  incident: Incident,
  ticketId: number,
  seq: number,
) {
  return writeNoteOnce(step, incident.key, {
    ticketId,
    text: resolutionNoteText(incident),
    flags: { resolutionFlag: true },
    inDoubt: incident.data.closeNoteSending === seq,
    // From here on the ticket's open/closed state is unknown until the PATCH is confirmed.
    markSending: (i) => ({
      ...i,
      data: { ...withoutTicketClosed(i.data), closeNoteSending: seq, closeStarted: seq },
    }),
    markDone: (i) => {
      const { closeNoteSending: _s, ...data } = i.data;
      return { ...i, data: { ...data, closeNoteDone: seq, closeStarted: seq } };
    },
  });
}

/**
 * Runs the close step for a loaded, resolving incident with a ticket.
 *
 * @example
 * await closeTicket(step, incident);
 */
export async function closeTicket(step: StepContext, incident: Incident): Promise<StepResult> {
  const ticketId = incident.ticketId;
  if (ticketId === null || incident.state !== "resolving") return CONTINUE;
  const seq = incident.data.closeSeq;
  if (incident.data.closeNoteDone !== seq) {
    const written = await resolutionNote(step, incident, ticketId, seq);
    if (written === "gone") await ticketGone(step, incident.key);
    return CONTINUE;
  }
  const outcome = await setTicketStatus(step, ticketOf(incident, ticketId), "closed");
  if (outcome.kind === "gone") {
    await ticketGone(step, incident.key);
    return CONTINUE;
  }
  const at = nowOf(step);
  await update(step, incident.key, (i) => {
    const data = {
      ...i.data,
      ticketClosed: true,
      ...(outcome.boardId === undefined ? {} : { boardId: outcome.boardId }),
    };
    const stillResolving = i.state === "resolving" && i.data.closeSeq === seq;
    return stillResolving ? { ...i, state: "closed", closedAt: at, data } : { ...i, data };
  });
  return CONTINUE;
}
