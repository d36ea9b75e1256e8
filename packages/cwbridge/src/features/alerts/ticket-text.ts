/**
 * What cwbridge writes on tickets: the create body and note texts, written for technicians
 * (names where they are known, no internal markers, the incident key readable). Each note's
 * text is unique on its ticket (it names the time it is about), so a re-run after an
 * ambiguous POST finds the note it may already have written by its text
 * (`ticket-notes.ts`) instead of writing it twice.
 */
import type { TicketCreate } from "@cwbridge/connectwise/schemas";
import { truncate } from "../../domain/device-config.js";
import { readableIncidentKey } from "../../domain/incident-key.js";
import type { Incident } from "./incident-record.js";
import type { ResolvedRoute } from "./route-resolver.js";

/** Longest initial description we send. */
export const DESCRIPTION_MAX = 20_000;

/** "name (id)" when the name is known and differs from the id, else the id. */
function named(name: string | undefined, id: string): string {
  return name === undefined || name === id ? id : `${name} (${id})`;
}

/** The lines naming the device, the customer, its company and the mapping's site. */
function whereLines(incident: Incident): string[] {
  const { alert, names = {}, companyId } = incident.data;
  const site = names.siteName ?? (names.siteId === undefined ? undefined : `site ${names.siteId}`);
  return [
    alert.deviceId === undefined ? undefined : `Device: ${named(names.device, alert.deviceId)}`,
    `Customer: ${named(names.customer, alert.customerId)}`,
    names.company === undefined ? undefined : `Company: ${names.company} (#${companyId})`,
    site === undefined ? undefined : `Site: ${site}`,
  ].filter((line): line is string => line !== undefined);
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
    ...whereLines(incident),
    `Fired at: ${alert.occurredAt}`,
    ...labelLines(alert.labels),
    `Incident: ${readableIncidentKey(incident.key)}`,
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
  const siteId = incident.data.names?.siteId;
  return {
    summary: incident.summary,
    company: { id: incident.data.companyId },
    ...(siteId === undefined ? {} : { site: { id: siteId } }),
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
  ].join("\n");
}

/**
 * The resolution note written before a ticket is closed: what was resolved and when, what the
 * resolve said (its summary and description), where, and the readable incident key.
 *
 * @example
 * resolutionNoteText(incident) // "Alert resolved: Disk full at …\n\nFreed 20 GB\n\n…"
 */
export function resolutionNoteText(incident: Incident): string {
  const { alert, resolution } = incident.data;
  const at = resolution?.at ?? incident.resolvedAt;
  const said = [resolution?.summary, resolution?.description].filter(
    (part): part is string => part !== undefined && part.trim() !== "",
  );
  const facts = [...whereLines(incident), `Incident: ${readableIncidentKey(incident.key)}`];
  const text = [
    `Alert resolved: ${alert.name}${at === null ? "" : ` at ${at}`}.`,
    ...said,
    facts.join("\n"),
  ].join("\n\n");
  return truncate(text, DESCRIPTION_MAX);
}
