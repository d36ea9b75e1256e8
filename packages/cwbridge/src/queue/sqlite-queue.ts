/**
 * The store-backed job queue: the `jobs` table of the store. The default on SQLite; it also
 * runs on PostgreSQL (claims then use an advisory lock and `FOR UPDATE SKIP LOCKED`), though
 * graphile-worker is the primary PostgreSQL adapter.
 *
 * Specifics: done jobs are deleted; a running job holds a lease (`locked_at`, renewed every
 * `leaseMs / 3`) and is reclaimed by any worker once the lease is older than `leaseMs` (crash
 * safety: after `kill -9` the job runs again); retries wait `min(maxMs, baseMs * 2^attempts)`.
 */
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { nowIso } from "../store/now.js";
import type { Store, StoreTx } from "../store/open-store.js";
import { DEFAULT_BACKOFF, type BackoffOptions } from "./backoff.js";
import { drainByPolling, type DrainOptions } from "./drain.js";
import { isIdle, statsOf } from "./idle.js";
import { listOptions } from "./list-options.js";
import type {
  JobInfo,
  JobQueue,
  JobSpec,
  ListJobsOptions,
  QueueLoad,
  QueueStats,
  WorkerHandle,
  WorkOptions,
} from "./port.js";
import { findJob, insertJob, listJobRows, loadJobs } from "./sql-jobs.js";
import { SqlWorker } from "./sql-worker.js";
import { validateJob } from "./validate-job.js";

/** Options of {@link createSqliteQueue}. */
export interface SqliteQueueOptions {
  /** Lease of a running job, in ms. Default 60 s (renewed every 20 s while it runs). */
  readonly leaseMs?: number;
  /** Retry backoff. Default 1 s doubling, at most 10 min. */
  readonly backoff?: BackoffOptions;
  /** Internal worker errors (claims, bookkeeping). Default: a process warning. */
  readonly onError?: (err: unknown) => void;
}

const DEFAULT_LEASE_MS = 60_000;

function defaultOnError(err: unknown): void {
  process.emitWarning(err instanceof Error ? err : new Error(String(err)), "CwbridgeQueue");
}

/** The store-backed queue (see the module comment). */
export class SqliteQueue implements JobQueue {
  readonly #store: Store;
  readonly #options: SqliteQueueOptions;
  readonly #workers = new Set<SqlWorker>();

  constructor(store: Store, options: SqliteQueueOptions = {}) {
    this.#store = store;
    this.#options = options;
  }

  async enqueue(job: JobSpec, tx?: StoreTx): Promise<string> {
    const payloadJson = validateJob(job);
    const id = await insertJob(tx ?? this.#store.db, job, payloadJson);
    if (tx === undefined) this.nudge();
    return id;
  }

  async work(options: WorkOptions): Promise<WorkerHandle> {
    const worker = new SqlWorker({
      ...options,
      store: this.#store,
      workerId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      leaseMs: this.#options.leaseMs ?? DEFAULT_LEASE_MS,
      backoff: this.#options.backoff ?? DEFAULT_BACKOFF,
      onError: this.#options.onError ?? defaultOnError,
    });
    worker.start();
    this.#workers.add(worker);
    let stopping: Promise<void> | undefined;
    const stop = async () => {
      await worker.stop();
      this.#workers.delete(worker);
    };
    return { stop: () => (stopping ??= stop()) };
  }

  /** Wakes this process's workers (call after committing a transaction that enqueued jobs). */
  nudge(): void {
    for (const worker of this.#workers) worker.nudge();
  }

  async stats(): Promise<QueueStats> {
    return statsOf(await this.load());
  }

  load(): Promise<QueueLoad> {
    return loadJobs(this.#store.db, nowIso());
  }

  async idle(): Promise<boolean> {
    return isIdle(await this.load());
  }

  getJob(id: string): Promise<JobInfo | undefined> {
    return findJob(this.#store.db, id);
  }

  async listJobs(options?: ListJobsOptions): Promise<JobInfo[]> {
    return listJobRows(this.#store.db, listOptions(options));
  }

  drain(options?: DrainOptions): Promise<void> {
    return drainByPolling(() => this.stats(), options);
  }
}

/**
 * Creates the store-backed queue. The `jobs` table comes with the store's migrations.
 *
 * @example
 * const queue = createSqliteQueue(store);
 * const worker = await queue.work({ concurrency: 4, handler: runJob });
 * await queue.enqueue({ kind: "sync-devices", payload: { sourceId }, priority: 10 });
 */
export function createSqliteQueue(store: Store, options: SqliteQueueOptions = {}): SqliteQueue {
  return new SqliteQueue(store, options);
}
