/**
 * graphile-worker 0.17 adapter of the `JobQueue` port (PostgreSQL). Enqueue calls
 * `<schema>.add_job()` through Kysely, inside the caller's transaction when one is given
 * (outbox); workers are graphile `run()` runners with a task list built from `kinds`.
 *
 * Differences from the port's general semantics (all graphile-worker's own behaviour):
 * - retry backoff is graphile's `exp(min(attempts, 10))` seconds (2.7 s, 7.4 s, 20 s, … ~6 h),
 *   not configurable;
 * - `work()` needs `kinds` (graphile only fetches jobs of tasks it knows);
 * - a crashed worker's job is released by the pool registry (`graphile-pool-registry.ts`), not
 *   by a lease: at once when the dead worker was a process on this host (checked when a worker
 *   starts and on every heartbeat), else once its heartbeat is 5 minutes old (graphile's own
 *   4-hour lock timeout stays as a last resort);
 * - enqueueing with the key of a job that is *running* also stops that job from retrying
 *   (graphile sets its attempts to max) — the new job carries the work forward;
 * - the schema must exist: run `queue.migrate()` (explicit, like `migrateToLatest`); it also
 *   installs the pool registry table `cwbridge_workers` in graphile's schema.
 *
 * `stop()` keeps the port's promise although graphile-worker 0.17 does not await a finished
 * job's completion query, and graphile's runner is restarted (new pool id) if it ends on its
 * own while the worker runs — e.g. on another schema's migration notice (see
 * `graphile-worker-run.ts`).
 */
import { Logger, runMigrations } from "graphile-worker";
import type { Store, StoreTx } from "../store/open-store.js";
import { drainByPolling, type DrainOptions } from "./drain.js";
import { QueueError } from "./errors.js";
import { installPoolRegistry } from "./graphile-pool-registry.js";
import {
  addGraphileJob,
  findGraphileJob,
  listGraphileJobs,
  loadGraphileJobs,
} from "./graphile-sql.js";
import { startGraphileWorker, type GraphileRecoveryTuning } from "./graphile-worker-run.js";
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
import { validateJob } from "./validate-job.js";

/** graphile-worker log levels. */
export type GraphileLogLevel = "error" | "warning" | "info" | "debug";

/** Options of {@link createGraphileQueue}. */
export interface GraphileQueueOptions {
  /** PostgreSQL URL for the workers' own pool (the store's URL). */
  readonly url: string;
  /** graphile-worker's schema. Default `graphile_worker`. */
  readonly schema?: string;
  /** Receives graphile-worker's log lines. Default: discarded (failures stay in `lastError`). */
  readonly log?: (level: GraphileLogLevel, message: string) => void;
  /** How often stale locks are looked for, in ms (graphile default 8–10 min). */
  readonly resetLockedIntervalMs?: { readonly min: number; readonly max: number };
  /**
   * Crash recovery: heartbeat interval and the heartbeat age after which a pool is dead
   * whoever owns it. Default 30 s / 5 min (graphile Worker Pro's defaults).
   */
  readonly recovery?: Partial<GraphileRecoveryTuning>;
  /**
   * Told when graphile's runner ended on its own (it is restarted) or a restart failed.
   * Default: `log` at level `error`.
   */
  readonly onRunnerError?: (message: string) => void;
  /**
   * Called when the runner could not be kept running (`CWB_ERR_QUEUE_RUNNER_FAILED`). Default:
   * the error is thrown uncaught, so the process exits non-zero and its supervisor restarts it.
   */
  readonly onFatal?: (error: QueueError) => void;
}

/**
 * The default `onFatal`: throws the error uncaught (the process exits non-zero).
 *
 * @example
 * createGraphileQueue(store, { url, onFatal: (e) => { log.fatal(e.message); crashProcess(e); } });
 */
export function crashProcess(error: QueueError): void {
  process.nextTick(() => {
    throw error;
  });
}

const DEFAULT_SCHEMA = "graphile_worker";

/** Default crash-recovery timing (see {@link GraphileQueueOptions.recovery}). */
export const DEFAULT_GRAPHILE_RECOVERY: GraphileRecoveryTuning = {
  heartbeatMs: 30_000,
  staleAfterMs: 5 * 60_000,
};

/** The graphile-worker queue (see the module comment). */
export class GraphileQueue implements JobQueue {
  readonly #store: Store;
  readonly #options: GraphileQueueOptions;
  readonly #schema: string;
  readonly #logger: Logger;

  constructor(store: Store, options: GraphileQueueOptions) {
    if (store.dialect !== "postgres") {
      throw new QueueError(
        "CWB_ERR_QUEUE_WRONG_DIALECT",
        "graphile-worker needs a PostgreSQL store",
      );
    }
    this.#store = store;
    this.#options = options;
    this.#schema = options.schema ?? DEFAULT_SCHEMA;
    const log = options.log;
    this.#logger = new Logger(() => (level, message) => log?.(level, message));
  }

  /** Installs or upgrades graphile-worker's schema and the pool registry. Idempotent. */
  async migrate(): Promise<void> {
    await runMigrations({
      connectionString: this.#options.url,
      schema: this.#schema,
      logger: this.#logger,
    });
    await installPoolRegistry(this.#store.db, this.#schema);
  }

  async enqueue(job: JobSpec, tx?: StoreTx): Promise<string> {
    const payloadJson = validateJob(job);
    return addGraphileJob(tx ?? this.#store.db, this.#schema, job, payloadJson);
  }

  async work(options: WorkOptions): Promise<WorkerHandle> {
    const kinds = options.kinds;
    if (kinds === undefined || kinds.length === 0) {
      throw new QueueError(
        "CWB_ERR_QUEUE_KINDS_REQUIRED",
        "graphile-worker needs the job kinds to run",
      );
    }
    return startGraphileWorker({
      ...options,
      kinds,
      url: this.#options.url,
      schema: this.#schema,
      logger: this.#logger,
      db: this.#store.db,
      resetLocked: this.#resetInterval(),
      recovery: { ...DEFAULT_GRAPHILE_RECOVERY, ...this.#options.recovery },
      onRunnerError: this.#options.onRunnerError ?? ((m) => this.#options.log?.("error", m)),
      onFatal: this.#options.onFatal ?? crashProcess,
    });
  }

  #resetInterval(): { minResetLockedInterval?: number; maxResetLockedInterval?: number } {
    const r = this.#options.resetLockedIntervalMs;
    return r === undefined ? {} : { minResetLockedInterval: r.min, maxResetLockedInterval: r.max };
  }

  async stats(): Promise<QueueStats> {
    return statsOf(await this.load());
  }

  load(): Promise<QueueLoad> {
    return loadGraphileJobs(this.#store.db, this.#schema);
  }

  async idle(): Promise<boolean> {
    return isIdle(await this.load());
  }

  getJob(id: string): Promise<JobInfo | undefined> {
    return findGraphileJob(this.#store.db, this.#schema, id);
  }

  async listJobs(options?: ListJobsOptions): Promise<JobInfo[]> {
    return listGraphileJobs(this.#store.db, this.#schema, listOptions(options));
  }

  drain(options?: DrainOptions): Promise<void> {
    return drainByPolling(() => this.stats(), options);
  }
}

/**
 * Creates the graphile-worker queue over a PostgreSQL store. Call `migrate()` once (deploy step).
 *
 * @example
 * const queue = createGraphileQueue(store, { url: config.databaseUrl });
 * await queue.migrate();
 * const worker = await queue.work({ kinds: ["ensure-ticket"], concurrency: 8, handler: runJob });
 */
export function createGraphileQueue(store: Store, options: GraphileQueueOptions): GraphileQueue {
  return new GraphileQueue(store, options);
}
