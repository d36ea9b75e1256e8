/**
 * `listJobs()` options with their defaults applied, for every adapter.
 */
import { QueueError } from "./errors.js";
import { DEFAULT_LIST_LIMIT, type JobStatus, type ListJobsOptions } from "./port.js";

const ALL_STATUSES: readonly JobStatus[] = ["pending", "running", "failed"];

/**
 * The statuses to list (default all) and the limit (default {@link DEFAULT_LIST_LIMIT}).
 * Throws `CWB_ERR_QUEUE_INVALID_JOB` on a limit that is not a positive integer.
 *
 * @example
 * listOptions({ status: ["failed"] }); // { status: ["failed"], limit: 1000 }
 */
export function listOptions(options: ListJobsOptions = {}): {
  readonly status: readonly JobStatus[];
  readonly limit: number;
} {
  const limit = options.limit ?? DEFAULT_LIST_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new QueueError(
      "CWB_ERR_QUEUE_INVALID_JOB",
      `listJobs limit must be a positive integer, got ${limit}`,
    );
  }
  return { status: options.status ?? ALL_STATUSES, limit };
}
