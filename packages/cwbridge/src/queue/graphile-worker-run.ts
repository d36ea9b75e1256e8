/**
 * Starts a graphile-worker runner for the port's `work()`, on its own pool, with crash
 * recovery, supervision, and a `stop()` that really waits.
 *
 * Recovery (see `graphile-dead-workers.ts`): before the runner starts, the jobs of dead pools
 * are released (a pool of a killed process on this host at once, others after a heartbeat
 * timeout); the runner's pool id (graphile's `locked_by`, learnt from its `pool:create` event)
 * is registered with this process as owner, and every `heartbeatMs` the row is refreshed and
 * the sweep runs again.
 *
 * Supervision: graphile's runner can end on its own while the engine runs — notably, graphile
 * 0.17 shuts its worker pool down (and sets `process.exitCode = 57`) on any breaking-migration
 * NOTIFY on `worker:migrate`, a channel shared by the whole database, so a fresh graphile
 * schema migrated anywhere in the database stops every runner in it. When that happens the
 * adapter logs it (`onRunnerError`), retires the ended pool exactly as `stop()` does (handlers
 * finished, finished jobs released, its locks force-unlocked, its registry row removed),
 * restores the exit code, and starts a new runner under a new pool id, with backoff
 * (`graphile-restart-policy.ts`). A new `run()` repeats graphile's schema check, so a real
 * breaking migration of our schema by a newer graphile still stops us: restarts are bounded,
 * and then `onFatal` fails the process loudly.
 *
 * Stop: graphile-worker 0.17 does not await the completion (or failure) query of a finished
 * job, so after `runner.stop()` we wait until the jobs that just finished are no longer locked,
 * then release whatever this pool still holds (it runs nothing any more) and unregister it
 * before ending the pool. Without this a job finished during shutdown would stay locked.
 */
import { DEFAULT_TENANT } from "../core/tenant.js";
import { EventEmitter } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { sql, type Kysely } from "kysely";
import type pg from "pg";
import { run, type Logger, type Runner, type TaskList, type WorkerEvents } from "graphile-worker";
import { createPostgresPool } from "../store/dialects/postgres.js";
import { currentOwner, isPidAlive } from "../store/request-log-owner.js";
import type { Database } from "../store/schema.js";
import { QueueError } from "./errors.js";
import type { DeadPoolPolicy } from "./graphile-dead-workers.js";
import { beatPool, forceUnlockPools, sweepDeadPools } from "./graphile-pool-registry.js";
import { MAX_RESTARTS, nextAttempt, restartDelayMs } from "./graphile-restart-policy.js";
import type { GraphileEnvelope } from "./graphile-sql.js";
import type { Job, WorkerHandle, WorkOptions } from "./port.js";

/** Crash-recovery timing of the graphile adapter. */
export interface GraphileRecoveryTuning {
  /** How often a pool refreshes its registry row and sweeps for dead pools (ms). */
  readonly heartbeatMs: number;
  /** A pool whose heartbeat is older than this is dead whoever owns it (ms). */
  readonly staleAfterMs: number;
}

/** Everything `startGraphileWorker` needs. */
export interface GraphileWorkerOptions extends WorkOptions {
  readonly kinds: readonly string[];
  readonly url: string;
  readonly schema: string;
  readonly logger: Logger;
  /** The store's database, to check that finished jobs were released. */
  readonly db: Kysely<Database>;
  readonly resetLocked: { minResetLockedInterval?: number; maxResetLockedInterval?: number };
  readonly recovery: GraphileRecoveryTuning;
  /** Told when graphile's runner ended on its own, or a restart failed (no secrets). */
  readonly onRunnerError: (message: string) => void;
  /** Called once restarts are exhausted: the worker cannot run jobs any more. */
  readonly onFatal: (error: QueueError) => void;
}

const RECENT_LIMIT = 256;
const SETTLE_TIMEOUT_MS = 5_000;

interface GraphileJobFields {
  id: string;
  task_identifier: string;
  attempts: number;
  max_attempts: number;
  key: string | null;
}

function toJob(payload: unknown, job: GraphileJobFields): Job {
  const envelope = payload as GraphileEnvelope;
  return {
    id: String(job.id),
    kind: job.task_identifier,
    payload: envelope.p,
    attempts: job.attempts,
    maxAttempts: job.max_attempts,
    key: job.key ?? envelope.k ?? null,
    queue: envelope.q,
    tenant: envelope.t ?? DEFAULT_TENANT,
  };
}

/** What every runner of one `work()` shares: its pg pool and the handlers' bookkeeping. */
interface Shared {
  readonly options: GraphileWorkerOptions;
  readonly pool: pg.Pool;
  /** Ids of jobs whose handler returned lately (their release is awaited on retire). */
  readonly recent: Set<string>;
  /** Handlers running now. */
  readonly inflight: Set<Promise<void>>;
}

function buildTaskList(s: Shared): TaskList {
  const { options, recent, inflight } = s;
  const taskList: TaskList = {};
  for (const kind of options.kinds) {
    taskList[kind] = async (payload, helpers) => {
      const running = options.handler(toJob(payload, helpers.job));
      inflight.add(running);
      try {
        await running;
      } finally {
        inflight.delete(running);
        recent.add(String(helpers.job.id));
        if (recent.size > RECENT_LIMIT) recent.delete(recent.values().next().value ?? "");
      }
    };
  }
  return taskList;
}

async function waitReleased(options: GraphileWorkerOptions, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(`${options.schema}._private_jobs`)}
      where id = any(${ids.map(Number)}::bigint[]) and locked_at is not null`.execute(options.db);
    if ((rows[0]?.n ?? 0) === 0) return;
    await sleep(20);
  }
}

function policyOf(options: GraphileWorkerOptions): DeadPoolPolicy {
  return { staleAfterMs: options.recovery.staleAfterMs, self: currentOwner(), isPidAlive };
}

async function sweep(options: GraphileWorkerOptions): Promise<void> {
  const released = await sweepDeadPools(options.db, options.schema, policyOf(options));
  if (released.length > 0) {
    options.logger.warn(`released the jobs of dead worker pools: ${released.join(", ")}`);
  }
}

/** Every `heartbeatMs`: refresh this pool's row, sweep. Returns a stop that awaits the tick. */
function startHeartbeat(options: GraphileWorkerOptions, poolId: string): () => Promise<void> {
  let ticking: Promise<void> | undefined;
  const tick = async () => {
    try {
      await beatPool(options.db, options.schema, poolId, currentOwner());
      await sweep(options);
    } catch (error) {
      options.logger.warn(`worker heartbeat failed: ${String(error)}`);
    } finally {
      ticking = undefined;
    }
  };
  const timer = setInterval(() => void (ticking ??= tick()), options.recovery.heartbeatMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await ticking;
  };
}

/** graphile's `application_name` for this queue's connections (PostgreSQL keeps 63 bytes). */
export function graphileApplicationName(schema: string): string {
  return `cwbridge graphile ${schema}`.slice(0, 63);
}

const BREAKING_EXIT_CODE = 57;

/** One graphile runner and its pool id; replaced when the runner ends on its own. */
interface Generation {
  readonly runner: Runner;
  readonly poolId: string;
  readonly startedAt: number;
  /** `process.exitCode` before this runner started (graphile may set 57). */
  readonly exitCode: typeof process.exitCode;
  readonly stopHeartbeat: () => Promise<void>;
  /** Resolves with why the runner ended, once it has. */
  readonly ended: Promise<string>;
  /** Whether graphile's runner has begun stopping (its `stop` event). */
  readonly stopped: () => boolean;
  retired?: Promise<void>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Starts the runner and returns it with its pool id (from graphile's `pool:create` event). */
async function startRunner(
  s: Shared,
  events: WorkerEvents,
): Promise<{ runner: Runner; poolId: string }> {
  const { options } = s;
  let poolId: string | undefined;
  events.on("pool:create", ({ workerPool }) => {
    poolId = workerPool.id;
  });
  const runner = await run({
    pgPool: s.pool,
    schema: options.schema,
    concurrency: options.concurrency,
    pollInterval: options.pollMs ?? 1000,
    noHandleSignals: true,
    taskList: buildTaskList(s),
    parsedCronItems: [],
    logger: options.logger,
    events,
    ...options.resetLocked,
  });
  if (poolId === undefined) {
    await runner.stop();
    throw new Error("graphile-worker started no worker pool");
  }
  return { runner, poolId };
}

/** The last shutdown message graphile's pool announced (why it stopped), if any. */
function shutdownReason(events: WorkerEvents): () => string {
  let reason = "its worker pool exited";
  events.on("pool:gracefulShutdown", ({ message: m }) => void (reason = `graceful shutdown: ${m}`));
  events.on("pool:forcefulShutdown", ({ message: m }) => void (reason = `forceful shutdown: ${m}`));
  return () => reason;
}

function endReason(reason: string, exitCodeBefore: typeof process.exitCode): string {
  const breaking = process.exitCode === BREAKING_EXIT_CODE && exitCodeBefore !== BREAKING_EXIT_CODE;
  return breaking
    ? `${reason}, after a breaking-migration notice on the database-wide worker:migrate channel (any graphile schema migrated in this database sends one)`
    : reason;
}

/** Starts a runner, registers its pool and starts its heartbeat. */
async function startGeneration(s: Shared): Promise<Generation> {
  const exitCode = process.exitCode;
  const events: WorkerEvents = new EventEmitter();
  const reason = shutdownReason(events);
  let stopped = false;
  events.on("stop", () => void (stopped = true));
  const { runner, poolId } = await startRunner(s, events);
  await beatPool(s.options.db, s.options.schema, poolId, currentOwner()).catch(async (error) => {
    await runner.stop();
    throw error;
  });
  const ended = runner.promise.then(
    () => endReason(reason(), exitCode),
    (error: unknown) => endReason(`${reason()} (${message(error)})`, exitCode),
  );
  return {
    runner,
    poolId,
    startedAt: Date.now(),
    exitCode,
    stopHeartbeat: startHeartbeat(s.options, poolId),
    ended,
    stopped: () => stopped,
  };
}

/**
 * Stops a runner if it still runs, waits for its handlers and their jobs' release, releases what
 * its pool still holds and unregisters it. Once per runner.
 */
function retire(s: Shared, g: Generation): Promise<void> {
  g.retired ??= (async () => {
    await g.stopHeartbeat();
    if (g.stopped()) await g.ended;
    else await g.runner.stop();
    await Promise.allSettled([...s.inflight]);
    await waitReleased(s.options, [...s.recent]);
    await forceUnlockPools(s.options.db, s.options.schema, [g.poolId]);
  })();
  return g.retired;
}

/** Restarts graphile's runner whenever it ends while the worker is not stopping. */
class Supervisor {
  readonly #s: Shared;
  readonly #abort = new AbortController();
  #current: Generation;
  #attempt = 0;
  #restarting: Promise<void> | undefined;

  constructor(s: Shared, first: Generation) {
    this.#s = s;
    this.#current = first;
    this.#watch(first);
  }

  get #stopping(): boolean {
    return this.#abort.signal.aborted;
  }

  #watch(g: Generation): void {
    void g.ended.then((reason) => {
      if (this.#stopping || g !== this.#current) return;
      this.#restarting = this.#recover(g, reason);
    });
  }

  async #recover(g: Generation, reason: string): Promise<void> {
    const { options } = this.#s;
    this.#attempt = nextAttempt(this.#attempt, Date.now() - g.startedAt);
    options.onRunnerError(
      `graphile-worker's runner (pool ${g.poolId}) ended while the worker was running: ${reason}; restarting it`,
    );
    await retire(this.#s, g).catch((error: unknown) => {
      options.onRunnerError(`releasing ended pool ${g.poolId} failed: ${message(error)}`);
    });
    if (process.exitCode === BREAKING_EXIT_CODE) process.exitCode = g.exitCode;
    while (!this.#stopping) {
      if (this.#attempt > MAX_RESTARTS) return this.#giveUp();
      await sleep(restartDelayMs(this.#attempt), undefined, { signal: this.#abort.signal }).catch(
        () => undefined,
      );
      if (this.#stopping || (await this.#restart())) return;
      this.#attempt += 1;
    }
  }

  async #restart(): Promise<boolean> {
    const { options } = this.#s;
    try {
      await sweep(options);
      this.#current = await startGeneration(this.#s);
    } catch (error) {
      options.onRunnerError(`restarting graphile-worker's runner failed: ${message(error)}`);
      return false;
    }
    this.#watch(this.#current);
    options.logger.info(`graphile-worker's runner restarted as pool ${this.#current.poolId}`);
    return true;
  }

  #giveUp(): void {
    this.#s.options.onFatal(
      new QueueError(
        "CWB_ERR_QUEUE_RUNNER_FAILED",
        `graphile-worker's runner ended ${MAX_RESTARTS} times in a row and could not be kept running`,
      ),
    );
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#restarting;
    await retire(this.#s, this.#current);
    await this.#s.pool.end();
  }
}

/**
 * Runs graphile-worker for `options.kinds`, restarting graphile's runner if it ends on its own.
 *
 * @example
 * const handle = await startGraphileWorker({ ...work, kinds: ["a"], url, schema, logger, db, resetLocked: {}, recovery: { heartbeatMs: 30_000, staleAfterMs: 300_000 }, onRunnerError: log, onFatal: crash });
 */
export async function startGraphileWorker(options: GraphileWorkerOptions): Promise<WorkerHandle> {
  await sweep(options);
  const pool = createPostgresPool(options.url, {
    max: options.concurrency + 2,
    applicationName: graphileApplicationName(options.schema),
  });
  const s: Shared = { options, pool, recent: new Set(), inflight: new Set() };
  const first = await startGeneration(s).catch(async (error) => {
    await pool.end();
    throw error;
  });
  const supervisor = new Supervisor(s, first);
  let stopping: Promise<void> | undefined;
  return { stop: () => (stopping ??= supervisor.stop()) };
}
