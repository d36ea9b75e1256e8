/**
 * The reconcile sweep (reliability §2.4): list the open tickets whose `externalXRef` carries
 * our prefix, group them by it, and repair:
 *
 * - 2+ open tickets with one key → keep the oldest (lowest id), close the others with the
 *   board's duplicate status ("Closed - Duplicate" when present) and a "duplicate of #id" note;
 * - a ticket the incident does not know (an ambiguous create that committed late) → relink;
 * - an open ticket whose incident is closed locally → resolution note + closed status.
 *
 * Incidents busy with a job are skipped (the next sweep sees them again).
 */
import { randomUUID } from "node:crypto";
import { and, eq, like } from "@cwbridge/connectwise";
import type { Ticket } from "@cwbridge/connectwise/schemas";
import { isCwbridgeXRef, XREF_PREFIX } from "../../domain/incident-key.js";
import { JOB_PRIORITY, type AppContext } from "../../core/context.js";
import { readAlertSettings } from "./alert-settings.js";
import { holdIncidentLease, type HeldLease } from "./incident-lease.js";
import { loadIncident, selectIncidents } from "./incident-repository.js";
import type { Incident } from "./incident-record.js";
import { ALERT_JOB_KINDS } from "./job-specs.js";
import { listEnabledConnections } from "../connections/index.js";
import { boardData, boardIdOf, isNotFound, update, type StepContext } from "./step-context.js";
import { setTicketStatus } from "./ticket-status.js";

/** Counts of one sweep. */
export interface ReconcileReport {
  /** Open tickets carrying our prefix. */
  readonly scanned: number;
  /** Distinct keys among them. */
  readonly groups: number;
  readonly relinked: number;
  readonly duplicatesClosed: number;
  readonly orphansClosed: number;
  /** Keys (groups of open tickets) no local incident has. */
  readonly unknown: number;
  /** Keys skipped because a job was working on the incident. */
  readonly skipped: number;
}

type Counts = { -readonly [K in keyof ReconcileReport]: ReconcileReport[K] };

const IN_CHUNK = 500;

async function openTaggedTickets(step: StepContext): Promise<Map<string, Ticket[]>> {
  const rows = await step.cw.tickets.all({
    conditions: and(like("externalXRef", `${XREF_PREFIX}*`), eq("closedFlag", false)),
    orderBy: "id asc",
  });
  const groups = new Map<string, Ticket[]>();
  for (const ticket of rows) {
    const xref = ticket.externalXRef ?? "";
    if (!isCwbridgeXRef(xref)) continue;
    groups.set(xref, [...(groups.get(xref) ?? []), ticket]);
  }
  for (const tickets of groups.values()) tickets.sort((a, b) => a.id - b.id);
  return groups;
}

async function incidentsByXRef(
  ctx: AppContext,
  connectionId: string,
  xrefs: readonly string[],
): Promise<Map<string, Incident>> {
  const found = new Map<string, Incident>();
  for (let i = 0; i < xrefs.length; i += IN_CHUNK) {
    const chunk = xrefs.slice(i, i + IN_CHUNK);
    const rows = await selectIncidents(ctx.scope.db, {
      connectionId,
      externalXRefs: chunk,
      limit: chunk.length,
    });
    for (const row of rows) found.set(row.externalXRef, row);
  }
  return found;
}

async function closeWithNote(
  step: StepContext,
  ticket: Ticket,
  connectionId: string,
  text: string,
  target: "closed" | "duplicate",
): Promise<boolean> {
  try {
    await step.cw.tickets.notes(ticket.id).create({ text, resolutionFlag: true });
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
  const outcome = await setTicketStatus(
    step,
    { connectionId, ticketId: ticket.id, boardId: boardIdOf(ticket) },
    target,
  );
  return outcome.kind === "set";
}

function relinked(survivor: Ticket) {
  return (i: Incident): Incident => ({
    ...i,
    ticketId: survivor.id,
    state: i.state === "opening" ? "open" : i.state,
    outcomeUnknownSince: null,
    data: {
      ...i.data,
      ticketClosed: false,
      ...boardData(survivor),
    },
  });
}

async function repairGroup(
  step: StepContext,
  connectionId: string,
  tickets: readonly Ticket[],
  incident: Incident | undefined,
  counts: Counts,
): Promise<void> {
  const [survivor, ...duplicates] = tickets;
  if (survivor === undefined) return;
  for (const duplicate of duplicates) {
    const text = `Duplicate of #${survivor.id} (same alert; closed by cwbridge reconcile).`;
    if (await closeWithNote(step, duplicate, connectionId, text, "duplicate"))
      counts.duplicatesClosed++;
  }
  if (incident === undefined) {
    counts.unknown += 1;
    return;
  }
  const current = await loadIncident(step.ctx.scope.db, incident.key);
  if (current === undefined) return;
  if (current.state === "closed") {
    const text = `Alert resolved; incident closed in cwbridge.\nIncident: ${current.key}`;
    if (await closeWithNote(step, survivor, connectionId, text, "closed")) counts.orphansClosed++;
    if (current.ticketId === null)
      await update(step, current.key, (i) => ({ ...i, ticketId: survivor.id }));
    return;
  }
  if (current.ticketId !== survivor.id) {
    await update(step, current.key, relinked(survivor));
    counts.relinked++;
  }
}

/**
 * Runs one sweep for a connection and reports what it repaired.
 *
 * @example
 * const report = await reconcileTickets(ctx, connectionId);
 * report.duplicatesClosed // 1
 */
export async function reconcileTickets(
  ctx: AppContext,
  connectionId: string,
  options: { readonly jobId?: string } = {},
): Promise<ReconcileReport> {
  const settings = await readAlertSettings(ctx.scope.db, connectionId);
  const cw = await ctx.clients.forConnection(connectionId, { jobId: options.jobId });
  const step: StepContext = { ctx, cw, settings };
  const groups = await openTaggedTickets(step);
  const incidents = await incidentsByXRef(ctx, connectionId, [...groups.keys()]);
  const counts: Counts = {
    scanned: 0,
    groups: groups.size,
    relinked: 0,
    duplicatesClosed: 0,
    orphansClosed: 0,
    unknown: 0,
    skipped: 0,
  };
  const owner = `reconcile:${randomUUID()}`;
  for (const [xref, tickets] of groups) {
    counts.scanned += tickets.length;
    const incident = incidents.get(xref);
    let lease: HeldLease | undefined;
    if (incident !== undefined) {
      lease = await holdIncidentLease(ctx, incident.key, owner);
      if (lease === undefined) {
        counts.skipped++;
        continue;
      }
    }
    try {
      await repairGroup(step, connectionId, tickets, incident, counts);
    } finally {
      await lease?.release();
    }
  }
  ctx.log.info({ connectionId, ...counts }, "alert tickets reconciled");
  return counts;
}

/**
 * Schedules the periodic sweep of a connection (one pending sweep per connection; each run
 * schedules the next after it succeeds).
 *
 * @example
 * await scheduleReconcile(ctx, connectionId, { everyMs: 5 * 60_000 });
 */
export async function scheduleReconcile(
  ctx: Pick<AppContext, "queue">,
  connectionId: string,
  options: { readonly everyMs: number; readonly runAt?: Date },
): Promise<string> {
  return ctx.queue.enqueue({
    kind: ALERT_JOB_KINDS.reconcileTickets,
    payload: { connectionId, everyMs: options.everyMs },
    key: `alerts:reconcile:${connectionId}`,
    priority: JOB_PRIORITY.maintenance,
    // The queue schedules on real time.
    runAt: options.runAt ?? new Date(Date.now() + options.everyMs),
  });
}

/**
 * Schedules the sweep of every enabled connection of the context's tenant (the worker calls
 * it once per tenant, each in its own tenant's context) and returns their names.
 *
 * @example
 * const swept = await scheduleReconcileSweeps(app.forTenant("acme"), { everyMs: 15 * 60_000, runAt: new Date() });
 */
export async function scheduleReconcileSweeps(
  ctx: Pick<AppContext, "queue" | "scope">,
  options: { readonly everyMs: number; readonly runAt?: Date | undefined },
): Promise<string[]> {
  const connections = await listEnabledConnections(ctx.scope.db);
  for (const connection of connections) {
    await scheduleReconcile(ctx, connection.id, {
      everyMs: options.everyMs,
      ...(options.runAt === undefined ? {} : { runAt: options.runAt }),
    });
  }
  return connections.map((c) => c.name);
}
