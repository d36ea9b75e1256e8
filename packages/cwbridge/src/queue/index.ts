export { DEFAULT_BACKOFF, retryDelayMs } from "./backoff.js";
export type { BackoffOptions } from "./backoff.js";
export type { DrainOptions } from "./drain.js";
export { QueueError } from "./errors.js";
export type { QueueErrorCode } from "./errors.js";
export { createGraphileQueue, GraphileQueue } from "./graphile-queue.js";
export { isIdle, statsOf } from "./idle.js";
export type { GraphileLogLevel, GraphileQueueOptions } from "./graphile-queue.js";
export type {
  Job,
  JobInfo,
  JobQueue,
  JobSpec,
  JobStatus,
  ListJobsOptions,
  QueueLoad,
  QueueStats,
  WorkerHandle,
  WorkOptions,
} from "./port.js";
export { DEFAULT_LIST_LIMIT } from "./port.js";
export { createSqliteQueue, SqliteQueue } from "./sqlite-queue.js";
export type { SqliteQueueOptions } from "./sqlite-queue.js";
export { DEFAULT_MAX_ATTEMPTS } from "./validate-job.js";
