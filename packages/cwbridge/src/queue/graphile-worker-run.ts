/**
 * Starts a graphile-worker runner for the port's `work()`, on its own pool, with crash
 * recovery and a `stop()` that really waits.
 *
 * Recovery (see `graphile-dead-workers.ts`): before the runner starts, the jobs of dead pools
 * are released (a pool of a killed process on this host at once, others after a heartbeat
 * timeout); the runner's pool id (graphile's `locked_by`, learnt from its `pool:create` event)
 * is registered with this process as owner, and every `heartbeatMs` the row is refreshed and
 * the sweep runs again.
 *
 * Stop: graphile-worker 0.17 does not await the completion (or failure) query of a finished
 * job, so after `runner.stop()` we wait until the jobs that just finished are no longer locked,
 * then release whatever this pool still holds (it runs nothing any more) and unregister it
 * before ending the pool. Without this a job finished during shutdown would stay locked.
 */
import { EventEmitter } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { sql, type Kysely } from "kysely";
import { run, type Logger, type Runner, type TaskList, type WorkerEvents } from "graphile-worker";
import { createPostgresPool } from "../store/dialects/postgres.js";
import { currentOwner, isPidAlive } from "../store/request-log-owner.js";
import type { Database } from "../store/schema.js";
import type { DeadPoolPolicy } from "./graphile-dead-workers.js";
import { beatPool, forceUnlockPools, sweepDeadPools } from "./graphile-pool-registry.js";
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
  };
}

function buildTaskList(options: GraphileWorkerOptions, recent: Set<string>): TaskList {
  const taskList: TaskList = {};
  for (const kind of options.kinds) {
    taskList[kind] = async (payload, helpers) => {
      try {
        await options.handler(toJob(payload, helpers.job));
      } finally {
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

/** Starts the runner and returns it with its pool id (from graphile's `pool:create` event). */
async function startRunner(
  options: GraphileWorkerOptions,
  pool: ReturnType<typeof createPostgresPool>,
  recent: Set<string>,
): Promise<{ runner: Runner; poolId: string }> {
  const events: WorkerEvents = new EventEmitter();
  let poolId: string | undefined;
  events.on("pool:create", ({ workerPool }) => {
    poolId = workerPool.id;
  });
  const runner = await run({
    pgPool: pool,
    schema: options.schema,
    concurrency: options.concurrency,
    pollInterval: options.pollMs ?? 1000,
    noHandleSignals: true,
    taskList: buildTaskList(options, recent),
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

/**
 * Runs graphile-worker for `options.kinds`.
 *
 * @example
 * const handle = await startGraphileWorker({ ...work, kinds: ["a"], url, schema, logger, db, resetLocked: {}, recovery: { heartbeatMs: 30_000, staleAfterMs: 300_000 } });
 */
export async function startGraphileWorker(options: GraphileWorkerOptions): Promise<WorkerHandle> {
  await sweep(options);
  const pool = createPostgresPool(options.url, { max: options.concurrency + 2 });
  const recent = new Set<string>();
  const { runner, poolId } = await startRunner(options, pool, recent).catch(async (error) => {
    await pool.end();
    throw error;
  });
  await beatPool(options.db, options.schema, poolId, currentOwner()).catch(async (error) => {
    await runner.stop();
    await pool.end();
    throw error;
  });
  const stopHeartbeat = startHeartbeat(options, poolId);
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    await stopHeartbeat();
    await runner.stop();
    await waitReleased(options, [...recent]);
    await forceUnlockPools(options.db, options.schema, [poolId]);
    await pool.end();
  };
  return { stop: () => (stopping ??= stop()) };
}
