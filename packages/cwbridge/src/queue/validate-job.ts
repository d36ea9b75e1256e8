/**
 * Checks a job spec before it is written (fails fast, with a typed error).
 */
import { tenantSchema } from "../core/tenant.js";
import { QueueError } from "./errors.js";
import type { JobSpec } from "./port.js";

/** Default total runs of a job. */
export const DEFAULT_MAX_ATTEMPTS = 25;

/**
 * Serialises the payload and checks the spec's numbers; returns the payload JSON.
 *
 * @example
 * const payloadJson = validateJob({ kind: "ensure-ticket", payload: { key } });
 */
export function validateJob(job: JobSpec): string {
  if (job.kind.length === 0) throw invalid("kind must not be empty");
  const maxAttempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 32767) {
    throw invalid("maxAttempts must be an integer between 1 and 32767");
  }
  const priority = job.priority ?? 0;
  if (!Number.isInteger(priority) || priority < -32768 || priority > 32767) {
    throw invalid("priority must be an integer between -32768 and 32767");
  }
  if (job.tenant !== undefined && !tenantSchema.safeParse(job.tenant).success) {
    throw invalid("tenant is not a valid tenant id");
  }
  if (job.runAt !== undefined && Number.isNaN(job.runAt.getTime())) {
    throw invalid("runAt is not a valid date");
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(job.payload ?? null);
  } catch (cause) {
    throw invalid("payload is not JSON-serialisable", cause);
  }
  if (json === undefined) throw invalid("payload is not JSON-serialisable");
  return json;
}

function invalid(message: string, cause?: unknown): QueueError {
  return new QueueError("CWB_ERR_QUEUE_INVALID_JOB", message, cause === undefined ? {} : { cause });
}
