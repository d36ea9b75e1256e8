/**
 * Alert ingest: validate, then in ONE transaction record the delivery (`inbound_events`,
 * duplicates change nothing), load or create the incident, apply the domain decision table
 * and enqueue the incident's job (outbox). When `ingestAlert` returns, the event is durable.
 *
 * Unmapped customers are rejected (`CWB_ERR_ALERT_UNMAPPED_CUSTOMER`, nothing stored, not
 * even the delivery id), so the sender's retry succeeds once the customer is mapped.
 */
import { sha256Hex } from "../../domain/sha256.js";
import { externalXRef, incidentKey } from "../../domain/incident-key.js";
import { decideAlert, type IncidentDecision, type NoActionReason } from "../../domain/incident.js";
import { truncate } from "../../domain/device-config.js";
import { routeAlert, type RoutedTarget } from "../../domain/routing.js";
import type { AppContext } from "../../core/context.js";
import { canonicalJson } from "../../domain/canonical-json.js";
import { isUniqueViolation } from "../../store/errors.js";
import type { TenantTx } from "../../store/tenant-scope.js";
import { alertInputSchema, type AlertInput } from "./alert-input.js";
import { readAlertSettings, type AlertSettings } from "./alert-settings.js";
import { AlertError, invalidInput } from "./errors.js";
import {
  canLockRows,
  insertIncident,
  loadIncident,
  recordDelivery,
  saveIncident,
} from "./incident-repository.js";
import { toDomainState, type Incident, type IncidentData } from "./incident-record.js";
import { incidentJobSpec, type IncidentJobKind } from "./job-specs.js";
import { mappingTarget } from "../customers/index.js";
import { findSourceRow } from "../sources/index.js";
import { alertNames, type AlertNames } from "./alert-names.js";
import { selectRoutingRules } from "./routing-repository.js";

/** What ingest did. `action` is the domain's decision (`none` for duplicates). */
export interface IngestResult {
  readonly accepted: true;
  readonly incidentKey: string;
  readonly action: "open" | "note" | "close" | "reopen" | "new" | "none";
  readonly duplicate?: true;
  /** Why nothing was done (`rate-limited`, `not-open`, `already-closing`, `stale`). */
  readonly reason?: NoActionReason;
  readonly jobId?: string;
}

/** Ticket summaries are at most 100 characters. */
export const TICKET_SUMMARY_MAX = 100;

const JOB_OF: Record<"open" | "note" | "close" | "reopen" | "new", IncidentJobKind> = {
  open: "ensure-ticket",
  new: "ensure-ticket",
  note: "add-note",
  close: "close-ticket",
  reopen: "reopen-ticket",
};

type Ctx = Pick<AppContext, "scope" | "queue" | "clock">;

/**
 * The incident key of an event: the fingerprint when given, else alert name + device + customer.
 *
 * @example
 * incidentKeyOf("src-1", { name: "Disk full", customerId: "acme", deviceId: "ws-42" }) // "src=src-1;alert=Disk%20full/ws-42/acme"
 */
export function incidentKeyOf(
  sourceId: string,
  event: Pick<AlertInput, "fingerprint" | "name" | "deviceId" | "customerId">,
): string {
  if (event.fingerprint !== undefined)
    return incidentKey({ sourceId, fingerprint: event.fingerprint });
  return incidentKey({ sourceId, alertParts: alertPartsOf(event) });
}

function alertPartsOf(event: Pick<AlertInput, "name" | "deviceId" | "customerId">): string[] {
  return [event.name, event.deviceId ?? "", event.customerId];
}

/**
 * The key earlier versions gave an event without a fingerprint (its parts encoded twice, `%2520`):
 * an incident opened under it is still found, so its resolve closes it.
 */
function legacyIncidentKeyOf(
  sourceId: string,
  event: Pick<AlertInput, "fingerprint" | "name" | "deviceId" | "customerId">,
): string | undefined {
  if (event.fingerprint !== undefined) return undefined;
  const alertId = alertPartsOf(event).map(encodeURIComponent).join("/");
  return incidentKey({ sourceId, alertId });
}

async function assertSource(tx: TenantTx, sourceId: string): Promise<void> {
  if ((await findSourceRow(tx, sourceId)) === undefined)
    throw new AlertError("CWB_ERR_ALERT_UNKNOWN_SOURCE", `no source '${sourceId}'`);
}

function deliveryOf(sourceId: string, event: AlertInput, at: string) {
  return {
    sourceId,
    eventId: event.id,
    payloadHash: sha256Hex(canonicalJson(event)),
    receivedAt: at,
  };
}

interface Mapping {
  readonly connectionId: string;
  readonly companyId: number;
  readonly siteId: number | null;
}

async function requireMapping(
  tx: TenantTx,
  sourceId: string,
  customerId: string,
): Promise<Mapping> {
  const row = await mappingTarget(tx, sourceId, customerId);
  if (row === undefined || row.cw_company_id === null) {
    throw new AlertError(
      "CWB_ERR_ALERT_UNMAPPED_CUSTOMER",
      `customer '${customerId}' of source '${sourceId}' is not mapped to a ConnectWise company; map it, then resend`,
    );
  }
  return { connectionId: row.connection_id, companyId: row.cw_company_id, siteId: row.cw_site_id };
}

async function routeOf(
  tx: TenantTx,
  sourceId: string,
  event: AlertInput,
  settings: AlertSettings,
): Promise<{ route: RoutedTarget | null; ruleIndex: number | null }> {
  const rules = (await selectRoutingRules(tx, { sourceId })).map((stored) => stored.rule);
  const routed = routeAlert(
    rules,
    { sourceId, name: event.name, policy: event.policy, labels: event.labels ?? {} },
    settings.defaults ?? {},
  );
  if (routed.kind === "unrouted") {
    // No board anywhere: ConnectWise's default board; severity/impact still default to Medium.
    return { route: { severity: "Medium", impact: "Medium" }, ruleIndex: null };
  }
  return { route: routed.target, ruleIndex: routed.ruleIndex };
}

function snapshot(event: AlertInput, occurredAt: string): IncidentData["alert"] {
  const optional = {
    policy: event.policy,
    severity: event.severity,
    description: event.description,
    deviceId: event.deviceId,
  };
  const defined = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
  return {
    name: event.name,
    labels: event.labels ?? {},
    summary: event.summary,
    customerId: event.customerId,
    occurredAt,
    ...defined,
  };
}

interface Fresh {
  readonly key: string;
  readonly sourceId: string;
  readonly event: AlertInput;
  readonly occurredAt: string;
  readonly now: string;
  readonly mapping: Mapping;
  readonly settings: AlertSettings;
  readonly generation: number;
  readonly route: { route: RoutedTarget | null; ruleIndex: number | null };
  readonly names: AlertNames;
}

function freshIncident(input: Fresh, decision: IncidentDecision): Incident {
  const { event, now, mapping } = input;
  return {
    key: input.key,
    sourceId: input.sourceId,
    connectionId: mapping.connectionId,
    externalXRef: externalXRef(input.key),
    state: "opening",
    ticketId: null,
    deviceId: event.deviceId ?? null,
    summary: truncate(event.summary, TICKET_SUMMARY_MAX),
    data: {
      generation: input.generation,
      alert: snapshot(event, input.occurredAt),
      companyId: mapping.companyId,
      names: { ...input.names, ...(mapping.siteId === null ? {} : { siteId: mapping.siteId }) },
      route: input.route.route,
      ruleIndex: input.route.ruleIndex,
      occurrences: 1,
      lastFiredAt: now,
      ...(decision.state.lastEventAt === undefined
        ? {}
        : { lastEventAt: decision.state.lastEventAt }),
      configDue: event.deviceId !== undefined && input.settings.attachConfiguration,
      noteSeq: 0,
      reopenSeq: 0,
      closeSeq: 0,
    },
    attempts: 0,
    outcomeUnknownSince: null,
    lastNoteAt: now,
    openedAt: now,
    resolvedAt: null,
    closedAt: null,
    updatedAt: now,
  };
}

function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}

function applyDecision(
  incident: Incident,
  event: AlertInput,
  occurredAt: string,
  decision: IncidentDecision,
  now: string,
): Incident {
  const { action, state } = decision;
  const fired = event.kind === "fire";
  const base: Incident = {
    ...incident,
    state: state.status === "none" ? incident.state : state.status,
    lastNoteAt: iso(state.lastNoteAt),
    resolvedAt: iso(state.closedAt),
    summary: fired ? truncate(event.summary, TICKET_SUMMARY_MAX) : incident.summary,
    data: {
      ...incident.data,
      ...(state.lastEventAt === undefined ? {} : { lastEventAt: state.lastEventAt }),
      ...(fired
        ? {
            alert: snapshot(event, occurredAt),
            occurrences: incident.data.occurrences + 1,
            lastFiredAt: now,
          }
        : {}),
    },
  };
  const data = base.data;
  switch (action.kind) {
    case "note":
      return {
        ...base,
        data: {
          ...data,
          noteSeq: data.noteSeq + 1,
          note: { seq: data.noteSeq + 1, occurrences: data.occurrences, at: now },
        },
      };
    case "reopen":
      return {
        ...base,
        closedAt: null,
        data: {
          ...data,
          reopenSeq: data.reopenSeq + 1,
          reopen: { seq: data.reopenSeq + 1, at: now },
        },
      };
    case "close": {
      const { note: _note, ...rest } = data;
      const resolution = {
        summary: event.summary,
        ...(event.description === undefined ? {} : { description: event.description }),
        at: occurredAt,
      };
      return { ...base, data: { ...rest, resolution, closeSeq: data.closeSeq + 1 } };
    }
    case "open":
    case "new":
    case "none":
      return base;
  }
}

/**
 * Validates an inbound alert event; throws `CWB_ERR_ALERT_INVALID` listing every bad field.
 *
 * @example
 * const event = parseAlertEvent({ id: "evt-1", kind: "fire", name: "Disk full", summary: "C: 98%", customerId: "acme" });
 */
export function parseAlertEvent(input: unknown): AlertInput {
  const parsed = alertInputSchema.safeParse(input);
  if (!parsed.success)
    throw invalidInput("CWB_ERR_ALERT_INVALID", "alert event", parsed.error.issues);
  return parsed.data;
}

async function ingestIn(
  ctx: Ctx,
  tx: TenantTx,
  sourceId: string,
  event: AlertInput,
  keys: { readonly key: string; readonly legacy: string | undefined },
): Promise<IngestResult> {
  const nowDate = ctx.clock.now();
  const now = nowDate.toISOString();
  const occurredAt = event.occurredAt ?? now;
  await assertSource(tx, sourceId);
  if (!(await recordDelivery(tx, deliveryOf(sourceId, event, now)))) {
    return { accepted: true, duplicate: true, incidentKey: keys.key, action: "none" };
  }
  const lock = { lock: canLockRows(ctx.scope) };
  let key = keys.key;
  let incident = await loadIncident(tx, key, lock);
  if (incident === undefined && keys.legacy !== undefined) {
    incident = await loadIncident(tx, keys.legacy, lock);
    if (incident !== undefined) key = keys.legacy;
  }
  if (incident === undefined && event.kind === "resolve") {
    return { accepted: true, incidentKey: key, action: "none", reason: "not-open" };
  }
  let mapping =
    incident === undefined ? await requireMapping(tx, sourceId, event.customerId) : undefined;
  let settings = await readAlertSettings(tx, mapping?.connectionId ?? incident?.connectionId ?? "");
  const decision = decideAlert(
    toDomainState(incident),
    { kind: event.kind, occurredAt },
    nowDate.getTime(),
    settings,
  );
  const { action } = decision;
  if (action.kind === "none") {
    if (incident !== undefined && action.reason !== "stale") {
      await saveIncident(tx, applyDecision(incident, event, occurredAt, decision, now));
    }
    return { accepted: true, incidentKey: key, action: "none", reason: action.reason };
  }
  let next: Incident;
  if (action.kind === "open" || action.kind === "new") {
    mapping ??= await requireMapping(tx, sourceId, event.customerId);
    if (incident !== undefined && mapping.connectionId !== incident.connectionId) {
      settings = await readAlertSettings(tx, mapping.connectionId);
    }
    const route = await routeOf(tx, sourceId, event, settings);
    const generation = incident === undefined ? 1 : incident.data.generation + 1;
    const names = await alertNames(tx, {
      sourceId,
      customerId: event.customerId,
      deviceId: event.deviceId,
      connectionId: mapping.connectionId,
      companyId: mapping.companyId,
    });
    next = freshIncident(
      { key, sourceId, event, occurredAt, now, mapping, settings, generation, route, names },
      decision,
    );
    if (incident === undefined) await insertIncident(tx, next);
    else next = await saveIncident(tx, next);
  } else {
    if (incident === undefined)
      throw new Error(`unreachable: '${action.kind}' without an incident`);
    next = await saveIncident(tx, applyDecision(incident, event, occurredAt, decision, now));
  }
  const jobId = await ctx.queue.enqueue(incidentJobSpec(JOB_OF[action.kind], next), tx.storeTx);
  return { accepted: true, incidentKey: key, action: action.kind, jobId };
}

/**
 * Ingests one alert event from `sourceId`: validated (`CWB_ERR_ALERT_INVALID`, nothing
 * stored), deduplicated by `(sourceId, event.id)`, applied to its incident and its ticket job
 * enqueued — all in one transaction, committed before this returns.
 *
 * @example
 * const r = await ingestAlert(ctx, "alertmanager", { id: "evt-1", kind: "fire", name: "Disk full", summary: "C: 98%", customerId: "acme", deviceId: "ws-42" });
 * r // { accepted: true, incidentKey: "src=alertmanager;alert=…", action: "open", jobId: "17" }
 */
export async function ingestAlert(
  ctx: Ctx,
  sourceId: string,
  input: unknown,
): Promise<IngestResult> {
  const event = parseAlertEvent(input);
  const keys = {
    key: incidentKeyOf(sourceId, event),
    legacy: legacyIncidentKeyOf(sourceId, event),
  };
  try {
    return await ctx.scope.transaction((tx) => ingestIn(ctx, tx, sourceId, event, keys));
  } catch (error) {
    // Two first events of one incident racing on PostgreSQL: the loser retries once and
    // then sees (and locks) the winner's row.
    if (!isUniqueViolation(error)) throw error;
    return ctx.scope.transaction((tx) => ingestIn(ctx, tx, sourceId, event, keys));
  }
}
