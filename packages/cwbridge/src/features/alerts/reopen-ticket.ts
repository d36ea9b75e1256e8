/**
 * `reopen-ticket` (a re-fire within the reopen window): PATCH the status back to the board's
 * default open status — skipped when we know the ticket is still open (its close never
 * started) — then a note saying the alert fired again (once).
 */
import type { Incident } from "./incident-record.js";
import { CONTINUE, update, type StepContext, type StepResult } from "./step-context.js";
import { ticketGone } from "./ticket-gone.js";
import { writeNoteOnce } from "./ticket-notes.js";
import { setTicketStatus, ticketOf } from "./ticket-status.js";
import { reopenNoteText } from "./ticket-text.js";

/**
 * Runs the reopen step for a loaded incident.
 *
 * @example
 * await reopenTicket(step, incident);
 */
export async function reopenTicket(step: StepContext, incident: Incident): Promise<StepResult> {
  const { reopen } = incident.data;
  const ticketId = incident.ticketId;
  if (reopen === undefined || ticketId === null) return CONTINUE;
  if (incident.data.ticketClosed !== false) {
    const outcome = await setTicketStatus(step, ticketOf(incident, ticketId), "open");
    if (outcome.kind === "gone") {
      await ticketGone(step, incident.key);
      return CONTINUE;
    }
    await update(step, incident.key, (i) => ({
      ...i,
      data: {
        ...i.data,
        ticketClosed: false,
        ...(outcome.boardId === undefined ? {} : { boardId: outcome.boardId }),
      },
    }));
    return CONTINUE;
  }
  const written = await writeNoteOnce(step, incident.key, {
    ticketId,
    text: reopenNoteText(incident, reopen),
    flags: { internalAnalysisFlag: true },
    inDoubt: incident.data.reopenSending === reopen.seq,
    markSending: (i) => ({ ...i, data: { ...i.data, reopenSending: reopen.seq } }),
    markDone: (i) => {
      const { reopenSending: _s, reopen: pending, ...data } = i.data;
      const keep = pending !== undefined && pending.seq !== reopen.seq ? { reopen: pending } : {};
      return { ...i, data: { ...data, ...keep } };
    },
  });
  if (written === "gone") await ticketGone(step, incident.key);
  return CONTINUE;
}
