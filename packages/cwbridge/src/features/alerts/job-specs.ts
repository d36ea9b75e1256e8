/**
 * The alert job kinds and how their jobs are enqueued: one pending job per incident
 * (queue `key` = `alerts:incident:<externalXRef>`), alert priority, payload `{ key }`.
 */
import { z } from "zod";
import { JOB_PRIORITY } from "../../core/context.js";
import type { JobSpec } from "../../queue/port.js";
import { invalidInput } from "./errors.js";

/** Job kinds of the alerts service. */
export const ALERT_JOB_KINDS = {
  ensureTicket: "ensure-ticket",
  addNote: "add-note",
  closeTicket: "close-ticket",
  reopenTicket: "reopen-ticket",
  reconcileTickets: "reconcile-tickets",
} as const;

/** One of the incident job kinds (everything but reconcile). */
export type IncidentJobKind = Exclude<
  (typeof ALERT_JOB_KINDS)[keyof typeof ALERT_JOB_KINDS],
  "reconcile-tickets"
>;

/** Payload of every incident job: the incident key, and how many runs failed before. */
export const incidentJobPayloadSchema = z
  .object({ key: z.string().min(1), retry: z.number().int().min(1).optional() })
  .strict();

/** Payload of `reconcile-tickets`: the connection, and the period when it repeats itself. */
export const reconcileJobPayloadSchema = z
  .object({
    connectionId: z.string().min(1),
    everyMs: z.number().int().min(1_000).optional(),
  })
  .strict();

/**
 * The job spec of an incident job.
 *
 * @example
 * await ctx.queue.enqueue(incidentJobSpec("ensure-ticket", incident), tx);
 */
export function incidentJobSpec(
  kind: IncidentJobKind,
  incident: { readonly key: string; readonly externalXRef: string },
  runAt?: Date,
  retry?: number,
): JobSpec {
  return {
    kind,
    payload: retry === undefined ? { key: incident.key } : { key: incident.key, retry },
    key: `alerts:incident:${incident.externalXRef}`,
    priority: JOB_PRIORITY.alert,
    ...(runAt === undefined ? {} : { runAt }),
  };
}

/**
 * Parses a job payload with `schema` (`CWB_ERR_ALERT_JOB_PAYLOAD` when it does not fit).
 *
 * @example
 * const { key } = parseJobPayload(incidentJobPayloadSchema, job.payload);
 */
export function parseJobPayload<T>(schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw invalidInput("CWB_ERR_ALERT_JOB_PAYLOAD", "alert job payload", parsed.error.issues);
  }
  return parsed.data;
}
