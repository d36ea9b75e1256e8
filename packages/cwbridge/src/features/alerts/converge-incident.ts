/**
 * Converges one incident: reads the row (the source of truth) and runs the next ticket step
 * until ConnectWise matches it. Every incident job kind runs this, so a job that replaced
 * another pending job of the same incident (one pending job per incident key) loses nothing,
 * and a re-run after a crash continues where the row says.
 *
 * One operation in flight per incident: the incident lease (`incident-lease.ts`, kept alive by a
 * heartbeat while the job runs; a dead holder's lease is taken over at once on its host, within
 * the lease TTL elsewhere). A job that finds the lease taken, or loses it, re-enqueues itself
 * shortly and ends.
 */
import type { AppContext } from "../../core/context.js";
import type { Job } from "../../queue/port.js";
import { readAlertSettings } from "./alert-settings.js";
import { addNote } from "./add-note.js";
import { attachConfiguration } from "./attach-configuration.js";
import { closeTicket } from "./close-ticket.js";
import { ensureTicket } from "./ensure-ticket.js";
import { holdIncidentLease, type HeldLease } from "./incident-lease.js";
import { loadIncident, mutateIncident } from "./incident-repository.js";
import type { Incident } from "./incident-record.js";
import { incidentJobSpec, type IncidentJobKind } from "./job-specs.js";
import { reopenTicket } from "./reopen-ticket.js";
import type { StepContext, StepResult } from "./step-context.js";

/** The steps, in the order they apply. */
export type IncidentStep = "ensure-ticket" | "attach-configuration" | "reopen" | "note" | "close";

/** Wait before retrying when another job holds the incident. */
export const BUSY_RETRY_MS = 1_000;

/** Upper bound of steps in one run (each step makes progress; this only guards bugs). */
const MAX_STEPS = 24;

/**
 * The next step an incident needs, or `undefined` when ConnectWise already matches it.
 *
 * @example
 * nextIncidentStep({ ...incident, state: "resolving" }) // "close" (or "ensure-ticket" without a ticket)
 */
export function nextIncidentStep(incident: Incident): IncidentStep | undefined {
  const { state, ticketId, data } = incident;
  if (state === "closed") return undefined;
  if (ticketId === null) return "ensure-ticket";
  // Before the close: a ticket created after its resolve arrived ends as it would have without
  // the delay (configuration linked, then closed).
  if (data.configDue === true) return "attach-configuration";
  if (state === "resolving") return "close";
  if (data.reopen !== undefined) return "reopen";
  if (data.note !== undefined) return "note";
  return undefined;
}

const STEPS: Record<IncidentStep, (step: StepContext, incident: Incident) => Promise<StepResult>> =
  {
    "ensure-ticket": ensureTicket,
    "attach-configuration": attachConfiguration,
    reopen: reopenTicket,
    note: addNote,
    close: closeTicket,
  };

/** How a converge run ended. */
export type ConvergeOutcome = "done" | "missing" | "busy" | "waiting";

async function requeue(
  ctx: AppContext,
  job: Job,
  incident: Incident,
  delayMs: number,
): Promise<void> {
  // The queue schedules on real time.
  const runAt = new Date(Date.now() + Math.max(0, delayMs));
  await ctx.queue.enqueue(incidentJobSpec(job.kind as IncidentJobKind, incident, runAt));
}

async function clearLastError(ctx: AppContext, key: string): Promise<void> {
  await mutateIncident(ctx.scope, key, (i) => {
    const { lastError: _e, ...data } = i.data;
    return { ...i, data };
  });
}

async function runSteps(
  ctx: AppContext,
  job: Job,
  first: Incident,
  lease: HeldLease,
): Promise<ConvergeOutcome> {
  const settings = await readAlertSettings(ctx.scope.db, first.connectionId);
  const cw = await ctx.clients.forConnection(first.connectionId, { jobId: job.id });
  const step: StepContext = { ctx, cw, settings };
  for (let count = 0; count < MAX_STEPS; count++) {
    const incident = await loadIncident(ctx.scope.db, first.key);
    if (incident === undefined) return "missing";
    const next = nextIncidentStep(incident);
    if (next === undefined) {
      if (incident.data.lastError !== undefined) await clearLastError(ctx, incident.key);
      return "done";
    }
    // Taken over (our heartbeat stopped long enough): the new holder carries on; come back
    // in case it has finished before seeing our last write.
    if (lease.lost()) {
      await requeue(ctx, job, incident, BUSY_RETRY_MS);
      return "busy";
    }
    const result = await STEPS[next](step, incident);
    if (result.kind === "wait") {
      await requeue(ctx, job, incident, result.delayMs);
      return "waiting";
    }
  }
  throw new Error(`incident '${first.key}' did not converge in ${MAX_STEPS} steps`);
}

/**
 * Converges the incident `key` for `job` (see the module comment).
 *
 * @example
 * await convergeIncident(ctx, job, "src=am;fp=c0ffee"); // "done"
 */
export async function convergeIncident(
  ctx: AppContext,
  job: Job,
  key: string,
): Promise<ConvergeOutcome> {
  const incident = await loadIncident(ctx.scope.db, key);
  if (incident === undefined) return "missing";
  if (nextIncidentStep(incident) === undefined) {
    if (incident.data.lastError !== undefined) await clearLastError(ctx, key);
    return "done";
  }
  const lease = await holdIncidentLease(ctx, key, `job:${job.id}`);
  if (lease === undefined) {
    await requeue(ctx, job, incident, BUSY_RETRY_MS);
    return "busy";
  }
  try {
    return await runSteps(ctx, job, incident, lease);
  } finally {
    await lease.release();
  }
}
