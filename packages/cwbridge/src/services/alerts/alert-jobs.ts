/**
 * The alert job handlers: the four incident kinds (all converge the incident; the kind names
 * what triggered the job) and `reconcile-tickets`.
 */
import type { EngineContext, JobHandler, JobHandlers } from "../../engine/context.js";
import type { Job } from "../../queue/port.js";
import { convergeIncident } from "./converge-incident.js";
import {
  ALERT_JOB_KINDS,
  incidentJobPayloadSchema,
  parseJobPayload,
  reconcileJobPayloadSchema,
} from "./job-specs.js";
import { reconcileTickets, scheduleReconcile } from "./reconcile-tickets.js";

const incidentJob: JobHandler = async (ctx: EngineContext, job: Job) => {
  const { key } = parseJobPayload(incidentJobPayloadSchema, job.payload);
  await convergeIncident(ctx, job, key);
};

const reconcileJob: JobHandler = async (ctx: EngineContext, job: Job) => {
  const { connectionId, everyMs } = parseJobPayload(reconcileJobPayloadSchema, job.payload);
  await reconcileTickets(ctx, connectionId, { jobId: job.id });
  // Periodic: the next run is enqueued only after a successful one (a failing run retries).
  if (everyMs !== undefined) await scheduleReconcile(ctx, connectionId, { everyMs });
};

/**
 * Handlers of every alert job kind, for the engine's handler map.
 *
 * @example
 * const engine = await createEngine({ config, handlers: { ...alertJobHandlers } });
 */
export const alertJobHandlers: JobHandlers = {
  [ALERT_JOB_KINDS.ensureTicket]: incidentJob,
  [ALERT_JOB_KINDS.addNote]: incidentJob,
  [ALERT_JOB_KINDS.closeTicket]: incidentJob,
  [ALERT_JOB_KINDS.reopenTicket]: incidentJob,
  [ALERT_JOB_KINDS.reconcileTickets]: reconcileJob,
};
