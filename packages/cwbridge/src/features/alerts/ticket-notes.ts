/**
 * Writing a note at most once: a "sending" marker is committed before the POST; a re-run that
 * finds the marker (the POST's outcome is unknown) first looks for the note's text marker on
 * the ticket and only writes when it is not there.
 */
import { contains } from "@cwbridge/connectwise";
import type { Incident } from "./incident-record.js";
import { isNotFound, update, type StepContext } from "./step-context.js";

/** Where a note shows. */
export type NoteFlags =
  | { readonly resolutionFlag: true }
  | { readonly internalAnalysisFlag: true }
  | { readonly detailDescriptionFlag: true };

/** One note to write once. */
export interface NoteOnce {
  readonly ticketId: number;
  readonly marker: string;
  readonly text: string;
  readonly flags: NoteFlags;
  /** A previous run may have written it (its sending marker is set). */
  readonly inDoubt: boolean;
  /** Sets the sending marker. */
  readonly markSending: (incident: Incident) => Incident;
  /** Records the note as written (and clears the sending marker). */
  readonly markDone: (incident: Incident) => Incident;
}

/**
 * Whether the ticket already has a note containing `marker`.
 *
 * @example
 * if (await noteExists(cw, 9001, "cwbridge-ref cwb:…/close/1.")) return;
 */
export async function noteExists(
  cw: StepContext["cw"],
  ticketId: number,
  marker: string,
): Promise<boolean> {
  const rows = await cw.tickets
    .notes(ticketId)
    .list({ conditions: contains("text", marker), pageSize: 1 });
  return rows.some((row) => (row.text ?? "").includes(marker));
}

/**
 * Writes a note once (see the module comment). `gone` when the ticket no longer exists.
 *
 * @example
 * await writeNoteOnce(step, incident.key, { ticketId, marker, text, flags: { resolutionFlag: true }, inDoubt, markSending, markDone });
 */
export async function writeNoteOnce(
  step: StepContext,
  key: string,
  note: NoteOnce,
): Promise<"written" | "gone"> {
  try {
    if (note.inDoubt && (await noteExists(step.cw, note.ticketId, note.marker))) {
      await update(step, key, note.markDone);
      return "written";
    }
    await update(step, key, note.markSending);
    await step.cw.tickets.notes(note.ticketId).create({ text: note.text, ...note.flags });
  } catch (error) {
    if (isNotFound(error)) return "gone";
    throw error;
  }
  await update(step, key, note.markDone);
  return "written";
}
