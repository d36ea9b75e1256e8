/**
 * `add-note`: writes the pending repeat note (at most one per note interval; the interval is
 * enforced at ingest, in the transaction that enqueues this job).
 */
import type { Incident } from "./incident-record.js";
import { CONTINUE, type StepContext, type StepResult } from "./step-context.js";
import { ticketGone } from "./ticket-gone.js";
import { writeNoteOnce } from "./ticket-notes.js";
import { repeatNoteText } from "./ticket-text.js";

/**
 * Runs the note step for a loaded incident.
 *
 * @example
 * await addNote(step, incident);
 */
export async function addNote(step: StepContext, incident: Incident): Promise<StepResult> {
  const { note } = incident.data;
  const ticketId = incident.ticketId;
  if (note === undefined || ticketId === null) return CONTINUE;
  const result = await writeNoteOnce(step, incident.key, {
    ticketId,
    text: repeatNoteText(incident, note),
    flags: { internalAnalysisFlag: true },
    inDoubt: incident.data.noteSending === note.seq,
    markSending: (i) => ({ ...i, data: { ...i.data, noteSending: note.seq } }),
    markDone: (i) => {
      const { noteSending: _s, note: pending, ...data } = i.data;
      const keep = pending !== undefined && pending.seq !== note.seq ? { note: pending } : {};
      return { ...i, data: { ...data, ...keep } };
    },
  });
  if (result === "gone") await ticketGone(step, incident.key);
  return CONTINUE;
}
