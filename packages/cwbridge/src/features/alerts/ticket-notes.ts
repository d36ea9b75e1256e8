/**
 * Writing a note at most once: a "sending" marker is committed (in the incident, never in the
 * note) before the POST; a re-run that finds it (the POST's outcome is unknown) first looks on
 * the ticket for a note with the same text (each note's text is unique on its ticket) and
 * only writes when there is none.
 */
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
  readonly text: string;
  readonly flags: NoteFlags;
  /** A previous run may have written it (its sending marker is set). */
  readonly inDoubt: boolean;
  /** Sets the sending marker. */
  readonly markSending: (incident: Incident) => Incident;
  /** Records the note as written (and clears the sending marker). */
  readonly markDone: (incident: Incident) => Incident;
}

/** Text compared the way ConnectWise may store it (line endings, trailing blanks). */
function comparable(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .trim();
}

/**
 * Whether the ticket already has a note with this text (read only when a POST is in doubt).
 *
 * @example
 * if (await noteExists(cw, 9001, resolutionNoteText(incident))) return;
 */
export async function noteExists(
  cw: StepContext["cw"],
  ticketId: number,
  text: string,
): Promise<boolean> {
  const wanted = comparable(text);
  const rows = await cw.tickets.notes(ticketId).all({ fields: ["id", "text"], pageSize: 1000 });
  return rows.some((row) => comparable(row.text ?? "") === wanted);
}

/**
 * Writes a note once (see the module comment). `gone` when the ticket no longer exists.
 *
 * @example
 * await writeNoteOnce(step, incident.key, { ticketId, text, flags: { resolutionFlag: true }, inDoubt, markSending, markDone });
 */
export async function writeNoteOnce(
  step: StepContext,
  key: string,
  note: NoteOnce,
): Promise<"written" | "gone"> {
  try {
    if (note.inDoubt && (await noteExists(step.cw, note.ticketId, note.text))) {
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
