/**
 * What cwbridge writes on tickets: the create body and note texts. Every note carries a marker
 * (`cwbridge-ref <externalXRef>/<what>/<n>.`) so a re-run after an ambiguous POST can find the
 * note it may already have written instead of writing it twice. No `[`/`%`/`_` in markers: they
 * are searched with `contains`, which ConnectWise runs as a SQL LIKE.
 */
import type { TicketCreate } from "@cwbridge/connectwise/schemas";
import { truncate } from "../../domain/device-config.js";
import type { Incident } from "./incident-record.js";
import type { ResolvedRoute } from "./route-resolver.js";

/** Longest initial description we send. */
export const DESCRIPTION_MAX = 20_000;

/** Kinds of notes cwbridge writes. */
export type NoteKind = "note" | "reopen" | "close";

/**
 * The marker of a note: unique per incident, kind and sequence number.
 *
 * @example
 * noteMarker("cwb:0123…", "close", 1) // "cwbridge-ref cwb:0123…/close/1."
 */
export function noteMarker(xref: string, kind: NoteKind, seq: number): string {
  return `cwbridge-ref ${xref}/${kind}/${seq}.`;
}

function labelLines(labels: Readonly<Record<string, string>>): string[] {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? [] : ["Labels:", ...entries.map(([k, v]) => `  ${k}=${v}`)];
}

/**
 * The initial description of a new ticket.
 *
 * @example
 * initialDescription(incident) // "Disk full\n\nC: is 98% full\n\nAlert: Disk full\n…"
 */
export function initialDescription(incident: Incident): string {
  const { alert } = incident.data;
  const facts = [
    `Alert: ${alert.name}`,
    alert.severity === undefined ? undefined : `Severity: ${alert.severity}`,
    alert.policy === undefined ? undefined : `Policy: ${alert.policy}`,
    alert.deviceId === undefined ? undefined : `Device: ${alert.deviceId}`,
    `Customer: ${alert.customerId}`,
    `Fired at: ${alert.occurredAt}`,
    ...labelLines(alert.labels),
    `Incident: ${incident.key}`,
  ].filter((line): line is string => line !== undefined);
  const parts = [alert.summary, alert.description, facts.join("\n")].filter(
    (part): part is string => part !== undefined && part.trim() !== "",
  );
  return truncate(parts.join("\n\n"), DESCRIPTION_MAX);
}

/**
 * The `POST /service/tickets` body of an incident.
 *
 * @example
 * await cw.tickets.create(ticketCreateBody(incident, route));
 */
export function ticketCreateBody(incident: Incident, route: ResolvedRoute): TicketCreate {
  const ref = (id: number | undefined) => (id === undefined ? undefined : { id });
  const refs = {
    board: ref(route.boardId),
    status: ref(route.statusId),
    type: ref(route.typeId),
    subType: ref(route.subTypeId),
    item: ref(route.itemId),
    priority: ref(route.priorityId),
  };
  const defined = Object.fromEntries(Object.entries(refs).filter(([, v]) => v !== undefined));
  return {
    summary: incident.summary,
    company: { id: incident.data.companyId },
    ...defined,
    severity: route.severity,
    impact: route.impact,
    externalXRef: incident.externalXRef,
    initialDescription: initialDescription(incident),
  };
}

/**
 * The text of a repeat note ("still firing", with the occurrence count and time).
 *
 * @example
 * repeatNoteText(incident, { seq: 1, occurrences: 5, at: "2026-11-22T05:00:00.000Z" })
 */
export function repeatNoteText(
  incident: Incident,
  note: { readonly seq: number; readonly occurrences: number; readonly at: string },
): string {
  return [
    `Alert still firing: ${incident.data.alert.name}`,
    `Occurrences: ${note.occurrences} (latest at ${note.at})`,
    noteMarker(incident.externalXRef, "note", note.seq),
  ].join("\n");
}

/**
 * The text of the note written when a closed ticket is reopened.
 *
 * @example
 * reopenNoteText(incident, { seq: 1, at: "2026-11-22T05:00:00.000Z" })
 */
export function reopenNoteText(
  incident: Incident,
  reopen: { readonly seq: number; readonly at: string },
): string {
  return [
    `Alert fired again at ${reopen.at}: ${incident.data.alert.name} — ticket reopened.`,
    `Occurrences: ${incident.data.occurrences}`,
    noteMarker(incident.externalXRef, "reopen", reopen.seq),
  ].join("\n");
}

/**
 * The resolution note written before a ticket is closed (carries the incident key).
 *
 * @example
 * resolutionNoteText(incident, 1)
 */
export function resolutionNoteText(incident: Incident, seq: number): string {
  return [
    `Alert resolved: ${incident.data.alert.name}${incident.resolvedAt === null ? "" : ` at ${incident.resolvedAt}`}.`,
    `Incident: ${incident.key}`,
    noteMarker(incident.externalXRef, "close", seq),
  ].join("\n");
}
