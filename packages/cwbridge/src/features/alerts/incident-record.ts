/**
 * The incident as the alerts service sees it, and explicit row ↔ record mappers. What does not
 * have a column of its own (the latest alert, the route, pending work and "in doubt" markers of
 * each ConnectWise write) lives in `payload_json` as {@link IncidentData}.
 */
import type { Selectable } from "kysely";
import { z } from "zod";
import { ALERT_SEVERITIES } from "../../domain/alert-event.js";
import type { IncidentState as DomainIncidentState } from "../../domain/incident.js";
import { storedRouteTargetSchema, TICKET_LEVELS } from "../../domain/routing.js";
import type { IncidentState, IncidentsTable } from "../../store/schema.js";

const seq = z.number().int().min(0);

/** The latest fire of an incident (what the ticket and notes are written from). */
const alertSnapshotSchema = z.object({
  name: z.string(),
  policy: z.string().optional(),
  severity: z.enum(ALERT_SEVERITIES).optional(),
  labels: z.record(z.string(), z.string()),
  summary: z.string(),
  description: z.string().optional(),
  customerId: z.string(),
  deviceId: z.string().optional(),
  occurredAt: z.string(),
});

/** A routed target (names or ids, severity/impact set). */
const routedSchema = storedRouteTargetSchema.and(
  z.object({ severity: z.enum(TICKET_LEVELS), impact: z.enum(TICKET_LEVELS) }),
);

/** Schema of `incidents.payload_json`. */
export const incidentDataSchema = z.object({
  /** 1 for the first ticket of this key; +1 each time a re-fire after the window opens a new one. */
  generation: z.number().int().min(1),
  alert: alertSnapshotSchema,
  companyId: z.number().int().positive(),
  route: routedSchema.nullable(),
  ruleIndex: z.number().int().nullable(),
  /** Fires in this generation (including rate-limited ones). */
  occurrences: z.number().int().min(0),
  lastFiredAt: z.string(),
  /** Epoch ms of the newest event applied (the domain's stale-event guard). */
  lastEventAt: z.number().optional(),
  /** The ticket's board and whether it is closed, as last known (create, adopt, close, reopen). */
  boardId: z.number().int().optional(),
  ticketClosed: z.boolean().optional(),
  /** The device configuration still has to be linked to the ticket. */
  configDue: z.boolean().optional(),
  configId: z.number().int().optional(),
  /** A repeat note to write (`seq` numbers notes; the note text carries it). */
  note: z.object({ seq, occurrences: seq, at: z.string() }).optional(),
  noteSeq: seq,
  /** A note POST whose outcome is unknown (search the ticket's notes before posting again). */
  noteSending: seq.optional(),
  /** The ticket has to be reopened (a re-fire after it was closed). */
  reopen: z.object({ seq, at: z.string() }).optional(),
  reopenSeq: seq,
  reopenSending: seq.optional(),
  /** Closes requested so far; the resolution note carries the number. */
  closeSeq: seq,
  /** The close of this number has started writing (reopen must then PATCH the status back). */
  closeStarted: seq.optional(),
  closeNoteDone: seq.optional(),
  closeNoteSending: seq.optional(),
  /** What the resolve said (its summary and description): the resolution note carries it. */
  resolution: z
    .object({ summary: z.string(), description: z.string().optional(), at: z.string() })
    .optional(),
  /**
   * Names known when the incident opened (the ticket text names them, not only ids): the
   * customer (source's name), its company (cached), the device (its configuration name) and the
   * mapping's site (`siteName` read from ConnectWise by the create step).
   */
  names: z
    .object({
      customer: z.string().optional(),
      company: z.string().optional(),
      device: z.string().optional(),
      siteId: z.number().int().positive().optional(),
      siteName: z.string().optional(),
    })
    .optional(),
  /** The ticket was gone (404) when we tried to write to it. */
  orphan: z.boolean().optional(),
  /** The last failed job run (cleared once the incident converges). */
  lastError: z
    .object({ message: z.string(), at: z.string(), retries: z.number().int() })
    .optional(),
});

/** Incident fields without a column of their own. */
export type IncidentData = z.output<typeof incidentDataSchema>;

/** An incident row, mapped. Times are ISO-8601 text. */
export interface Incident {
  readonly key: string;
  readonly sourceId: string;
  readonly connectionId: string;
  readonly externalXRef: string;
  readonly state: IncidentState;
  readonly ticketId: number | null;
  readonly deviceId: string | null;
  readonly summary: string;
  readonly data: IncidentData;
  /** Ticket creates attempted in this generation. */
  readonly attempts: number;
  /** Set while a create is being sent and after an ambiguous one, until it is resolved. */
  readonly outcomeUnknownSince: string | null;
  readonly lastNoteAt: string | null;
  readonly openedAt: string;
  readonly resolvedAt: string | null;
  readonly closedAt: string | null;
  readonly updatedAt: string;
}

/** An incident row as stored. */
export type IncidentRow = Selectable<IncidentsTable>;

/**
 * Row → record (`payload_json` validated).
 *
 * @example
 * const incident = incidentFromRow(await db.selectFrom("incidents").selectAll().where("key", "=", k).executeTakeFirstOrThrow());
 */
export function incidentFromRow(row: IncidentRow): Incident {
  return {
    key: row.key,
    sourceId: row.source_id,
    connectionId: row.connection_id,
    externalXRef: row.external_xref,
    state: row.state,
    ticketId: row.cw_ticket_id,
    deviceId: row.device_external_id,
    summary: row.summary,
    data: incidentDataSchema.parse(JSON.parse(row.payload_json)),
    attempts: row.attempts,
    outcomeUnknownSince: row.outcome_unknown_since,
    lastNoteAt: row.last_note_at,
    openedAt: row.opened_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Record → row.
 *
 * @example
 * await tx.insertInto("incidents").values(incidentToRow(incident)).execute();
 */
export function incidentToRow(incident: Incident): Omit<IncidentRow, "tenant"> {
  return {
    key: incident.key,
    source_id: incident.sourceId,
    connection_id: incident.connectionId,
    external_xref: incident.externalXRef,
    state: incident.state,
    cw_ticket_id: incident.ticketId,
    device_external_id: incident.deviceId,
    summary: incident.summary,
    payload_json: JSON.stringify(incident.data),
    attempts: incident.attempts,
    outcome_unknown_since: incident.outcomeUnknownSince,
    last_note_at: incident.lastNoteAt,
    opened_at: incident.openedAt,
    resolved_at: incident.resolvedAt,
    closed_at: incident.closedAt,
    updated_at: incident.updatedAt,
  };
}

function ms(iso: string | null | undefined): number | undefined {
  if (iso === null || iso === undefined) return undefined;
  const value = Date.parse(iso);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * The domain's view of an incident (for `decideAlert`): `closedAt` is the time of the resolve.
 *
 * @example
 * decideAlert(toDomainState(incident), event, now, policy);
 */
export function toDomainState(incident: Incident | undefined): DomainIncidentState {
  if (incident === undefined) return { status: "none" };
  const entries = {
    openedAt: ms(incident.openedAt),
    lastNoteAt: ms(incident.lastNoteAt),
    closedAt: ms(incident.resolvedAt),
    lastEventAt: incident.data.lastEventAt,
  };
  const defined = Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
  return { status: incident.state, ...defined };
}
