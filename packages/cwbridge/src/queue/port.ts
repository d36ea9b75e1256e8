/**
 * The job queue port. Adapters: `SqlQueue` (the store's `jobs` table; SQLite by default,
 * PostgreSQL too) and `GraphileQueue` (graphile-worker on PostgreSQL). One contract suite
 * (`queue.contract.test-suite.ts`) runs against every adapter.
 *
 * Semantics every adapter keeps (differences are documented on the adapter):
 * - **at least once**: a handler may run again after a crash; handlers must be idempotent;
 * - **outbox**: `enqueue(job, tx)` writes the job inside the caller's transaction, so the
 *   state change and its job commit (or roll back) together;
 * - **priority**: lower runs first (alerts 0, bulk sync 10), then `runAt`, then enqueue order;
 * - **key**: at most one *pending* job per key. Enqueueing with the key of a pending job
 *   replaces it (payload, priority, runAt, maxAttempts, queue) and resets its retry state;
 *   if the job with that key is already running (or failed), a new pending job is created;
 * - **queue**: jobs sharing a queue name never run at the same time (serialise per connection);
 * - **retries**: a throwing handler is retried with exponential backoff until `maxAttempts`,
 *   then the job is `failed` (dead letter) with `lastError`;
 * - **attempts** counts runs including the current one (1 on the first run);
 * - **stop()** stops claiming and waits for the running handlers to finish;
 * - **idle**: no job is due (pending with `runAt` reached) or running. Jobs waiting for a later
 *   `runAt` (retry backoff, scheduled work) and failed jobs do not keep the queue busy.
 */
import type { StoreTx } from "../store/open-store.js";

/** A job to enqueue. */
export interface JobSpec {
  /** The task name (handler selector), e.g. `ensure-ticket`. */
  readonly kind: string;
  /** JSON-serialisable payload. */
  readonly payload: unknown;
  /** Dedupe key for pending jobs (see the port's key semantics). */
  readonly key?: string;
  /** Serialisation queue: jobs with the same queue name never overlap. */
  readonly queue?: string;
  /** Lower runs first. Default 0. */
  readonly priority?: number;
  /** Not before this time. Default now. */
  readonly runAt?: Date;
  /** Total runs allowed before the job is failed. Default 25 (graphile-worker's default). */
  readonly maxAttempts?: number;
  /** The tenant whose work this is (the handler runs in its context). Default `default`. */
  readonly tenant?: string;
}

/** A job as a handler receives it. */
export interface Job {
  readonly id: string;
  readonly kind: string;
  readonly payload: unknown;
  /** Runs so far, including this one (1 on the first run). */
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly key: string | null;
  readonly queue: string | null;
  /** The tenant the job was enqueued for. */
  readonly tenant: string;
}

/** Where a job stands. Done jobs are removed, so they are not reported. */
export type JobStatus = "pending" | "running" | "failed";

/** A job as inspected from outside (dead-letter view, tests). */
export interface JobInfo extends Job {
  readonly status: JobStatus;
  readonly runAt: Date;
  readonly lastError: string | null;
}

/** Counts by status. */
export interface QueueStats {
  readonly pending: number;
  readonly running: number;
  readonly failed: number;
}

/**
 * Counts by status with the pending jobs split by their `runAt` (see {@link JobQueue.load}):
 * `pending = due + waiting`. Read in one query, so the numbers agree with each other.
 */
export interface QueueLoad extends QueueStats {
  /** Pending jobs whose `runAt` has come: a worker may claim them now (unless their queue is busy). */
  readonly due: number;
  /** Pending jobs whose `runAt` is still ahead (retry backoff, scheduled work). */
  readonly waiting: number;
}

/** Options of {@link JobQueue.listJobs}. */
export interface ListJobsOptions {
  /** Only jobs in these statuses. Default: every status. */
  readonly status?: readonly JobStatus[];
  /** At most this many jobs (oldest first). Default {@link DEFAULT_LIST_LIMIT}. */
  readonly limit?: number;
}

/** How many jobs {@link JobQueue.listJobs} returns unless told otherwise. */
export const DEFAULT_LIST_LIMIT = 1000;

/** Options of {@link JobQueue.work}. */
export interface WorkOptions {
  /** Only these kinds (graphile-worker: required). Default: every kind. */
  readonly kinds?: readonly string[];
  /** Handlers running at once in this worker. */
  readonly concurrency: number;
  /** Runs one job; throwing schedules a retry (or fails the job on its last attempt). */
  readonly handler: (job: Job) => Promise<void>;
  /** How often to look for due jobs when idle, in ms. */
  readonly pollMs?: number;
}

/** A running worker. */
export interface WorkerHandle {
  /** Stops claiming jobs and resolves once the running handlers have finished. */
  stop(): Promise<void>;
}

/** The job queue port. */
export interface JobQueue {
  /**
   * Enqueues a job; with `tx`, inside that transaction (outbox). Returns the job id.
   *
   * @example
   * await store.transaction(async (tx) => {
   *   await tx.updateTable("incidents").set({ state: "opening" }).where("key", "=", k).execute();
   *   await queue.enqueue({ kind: "ensure-ticket", payload: { key: k }, key: `ticket:${k}` }, tx);
   * });
   */
  enqueue(job: JobSpec, tx?: StoreTx): Promise<string>;
  /**
   * Starts a worker.
   *
   * @example
   * const worker = queue.work({ concurrency: 4, handler: async (job) => run(job) });
   * process.on("SIGTERM", () => void worker.stop());
   */
  work(options: WorkOptions): Promise<WorkerHandle>;
  /**
   * Counts jobs by status.
   *
   * @example
   * const { failed } = await queue.stats();
   */
  stats(): Promise<QueueStats>;
  /**
   * Counts jobs by status, with pending split into due and waiting (one consistent read).
   *
   * @example
   * const { due, running, waiting } = await queue.load();
   */
  load(): Promise<QueueLoad>;
  /**
   * True when no job is due or running (see the port's idle semantics); waiting and failed jobs
   * do not count. Unlike {@link drain}, it does not wait for jobs scheduled later.
   *
   * @example
   * while (!(await queue.idle())) await sleep(50);
   */
  idle(): Promise<boolean>;
  /**
   * One job, or `undefined` once it is done (done jobs are removed).
   *
   * @example
   * const info = await queue.getJob(id); if (info?.status === "failed") console.log(info.lastError);
   */
  getJob(id: string): Promise<JobInfo | undefined>;
  /**
   * Jobs not done yet, oldest (lowest id) first: the dead-letter view, test oracles.
   *
   * @example
   * for (const job of await queue.listJobs({ status: ["failed"] })) console.log(job.lastError);
   */
  listJobs(options?: ListJobsOptions): Promise<JobInfo[]>;
  /**
   * Resolves when no job is pending or running (all done or failed); for tests and CLI one-shots.
   *
   * @example
   * await queue.drain({ timeoutMs: 10_000 });
   */
  drain(options?: { readonly timeoutMs?: number; readonly pollMs?: number }): Promise<void>;
}
