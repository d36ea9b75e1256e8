/**
 * Starts a graphile-worker runner for the port's `work()`, on its own pool, with a `stop()`
 * that really waits: graphile-worker 0.17 does not await the completion (or failure) query of
 * a finished job, so after `runner.stop()` we wait until the jobs that just finished are no
 * longer locked before ending the pool. Without this a job finished during shutdown would
 * stay locked for graphile's 4-hour lock timeout and then run again.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { sql, type Kysely } from "kysely";
import { run, type Logger, type TaskList } from "graphile-worker";
import { createPostgresPool } from "../store/dialects/postgres.js";
import type { Database } from "../store/schema.js";
import type { GraphileEnvelope } from "./graphile-sql.js";
import type { Job, WorkerHandle, WorkOptions } from "./port.js";

/** Everything `startGraphileWorker` needs. */
export interface GraphileWorkerOptions extends WorkOptions {
  readonly kinds: readonly string[];
  readonly url: string;
  readonly schema: string;
  readonly logger: Logger;
  /** The store's database, to check that finished jobs were released. */
  readonly db: Kysely<Database>;
  readonly resetLocked: { minResetLockedInterval?: number; maxResetLockedInterval?: number };
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
    key: job.key,
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

/**
 * Runs graphile-worker for `options.kinds`.
 *
 * @example
 * const handle = await startGraphileWorker({ ...work, kinds: ["a"], url, schema, logger, db, resetLocked: {} });
 */
export async function startGraphileWorker(options: GraphileWorkerOptions): Promise<WorkerHandle> {
  const pool = createPostgresPool(options.url, { max: options.concurrency + 2 });
  const recent = new Set<string>();
  const runner = await run({
    pgPool: pool,
    schema: options.schema,
    concurrency: options.concurrency,
    pollInterval: options.pollMs ?? 1000,
    noHandleSignals: true,
    taskList: buildTaskList(options, recent),
    parsedCronItems: [],
    logger: options.logger,
    ...options.resetLocked,
  });
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    await runner.stop();
    await waitReleased(options, [...recent]);
    await pool.end();
  };
  return { stop: () => (stopping ??= stop()) };
}
