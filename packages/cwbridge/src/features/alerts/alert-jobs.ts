/**
 * The alert job handlers: the four incident kinds (all converge the incident; the kind names
 * what triggered the job) and `reconcile-tickets`.
 */
import type { AppContext, JobHandler, JobHandlers } from "../../core/context.js";
import type { Job } from "../../queue/port.js";
import { externalXRef } from "../../domain/incident-key.js";
import { convergeIncident } from "./converge-incident.js";
import { mutateIncident } from "./incident-repository.js";
import {
  ALERT_JOB_KINDS,
  incidentJobPayloadSchema,
  incidentJobSpec,
  type IncidentJobKind,
  parseJobPayload,
  reconcileJobPayloadSchema,
} from "./job-specs.js";
import { reconcileTickets, scheduleReconcile } from "./reconcile-tickets.js";

/** Failed runs of an incident's work before the job is dead-lettered. */
export const INCIDENT_MAX_RUNS = 25;

/**
 * Delay before the next run after `retry` failed runs: 1 s doubling, at most 10 minutes.
 *
 * @example
 * incidentRetryDelayMs(3) // 4000
 */
export function incidentRetryDelayMs(retry: number): number {
  return Math.min(10 * 60_000, 1_000 * 2 ** Math.min(Math.max(retry - 1, 0), 20));
}

/**
 * `CODE: message` of an error (ConnectWise and cwbridge errors carry a stable code), ≤ 2,000
 * characters.
 *
 * @example
 * describeError(new AlertError("CWB_ERR_ALERT_ROUTE_UNRESOLVED", "no such board")) // "CWB_ERR_ALERT_ROUTE_UNRESOLVED: no such board"
 */
export function describeError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return (typeof code === "string" ? `${code}: ${message}` : message).slice(0, 2_000);
}

async function recordFailure(
  ctx: AppContext,
  key: string,
  error: unknown,
  retries: number,
): Promise<void> {
  const lastError = {
    message: describeError(error),
    at: ctx.clock.now().toISOString(),
    retries,
  };
  await mutateIncident(ctx.scope, key, (i) => ({ ...i, data: { ...i.data, lastError } }));
}

/**
 * Every incident kind converges the incident. A failed run is retried by enqueueing the next
 * run (same key, backoff) and ending this one normally, instead of throwing into the queue's
 * own retry: a new pending job for the incident (a later alert) may already exist, and the
 * queue keeps one pending job per key. The last allowed failure is thrown (dead letter). The
 * error is also kept on the incident (`data.lastError`) until it converges.
 */
const incidentJob: JobHandler = async (ctx: AppContext, job: Job) => {
  const { key, retry = 0 } = parseJobPayload(incidentJobPayloadSchema, job.payload);
  try {
    await convergeIncident(ctx, job, key);
  } catch (error) {
    const retries = retry + 1;
    await recordFailure(ctx, key, error, retries);
    if (retries >= INCIDENT_MAX_RUNS) throw error;
    ctx.log.warn(
      { incident: key, retries, error: describeError(error) },
      "alert job failed; will retry",
    );
    const runAt = new Date(Date.now() + incidentRetryDelayMs(retries));
    const spec = incidentJobSpec(
      job.kind as IncidentJobKind,
      { key, externalXRef: externalXRef(key) },
      runAt,
      retries,
    );
    await ctx.queue.enqueue(spec);
  }
};

const reconcileJob: JobHandler = async (ctx: AppContext, job: Job) => {
  const { connectionId, everyMs } = parseJobPayload(reconcileJobPayloadSchema, job.payload);
  await reconcileTickets(ctx, connectionId, { jobId: job.id });
  // Periodic: the next run is enqueued only after a successful one (a failing run retries).
  if (everyMs !== undefined) await scheduleReconcile(ctx, connectionId, { everyMs });
};

/**
 * Handlers of every alert job kind, for the engine's handler map.
 *
 * @example
 * const engine = await openApp({ config, handlers: { ...alertJobHandlers } });
 */
export const alertJobHandlers: JobHandlers = {
  [ALERT_JOB_KINDS.ensureTicket]: incidentJob,
  [ALERT_JOB_KINDS.addNote]: incidentJob,
  [ALERT_JOB_KINDS.closeTicket]: incidentJob,
  [ALERT_JOB_KINDS.reopenTicket]: incidentJob,
  [ALERT_JOB_KINDS.reconcileTickets]: reconcileJob,
};
