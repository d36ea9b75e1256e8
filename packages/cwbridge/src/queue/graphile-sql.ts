/**
 * The SQL the graphile-worker adapter runs itself (through Kysely, so `add_job` can join the
 * caller's transaction): enqueue, counts (`stats()` and `load()`), one job, a list of jobs. Counts read graphile's public `jobs` view;
 * one job reads graphile-worker 0.17's `_private_jobs` / `_private_tasks` (the view has no
 * payload) in the configured schema.
 */
import { DEFAULT_TENANT } from "../core/tenant.js";
import { sql, type Kysely } from "kysely";
import type { Database } from "../store/schema.js";
import { QueueError } from "./errors.js";
import type { JobInfo, JobSpec, JobStatus, QueueLoad } from "./port.js";
import { DEFAULT_MAX_ATTEMPTS } from "./validate-job.js";

type Db = Kysely<Database>;

/**
 * What graphile-worker stores as the job payload: ours, plus the queue name (a graphile `Job`
 * only carries `job_queue_id`) and the key (graphile clears the key column of a running job
 * whose key is enqueued again: `k` still tells such a superseded job from a keyless one). An
 * object envelope also keeps graphile's array-payload merge (on job-key replace) from ever
 * applying. Jobs queued before `k` existed have none. `t` is the job's tenant (jobs queued
 * before tenants have none: they are the tenant `default`'s).
 */
export interface GraphileEnvelope {
  readonly p: unknown;
  readonly q: string | null;
  readonly k?: string | null;
  readonly t?: string;
}

function table(schema: string, name: string) {
  return sql.table(`${schema}.${name}`);
}

/** Calls `<schema>.add_job(...)` (job_key_mode `replace`); returns the job id. */
export async function addGraphileJob(
  db: Db,
  schema: string,
  job: JobSpec,
  payloadJson: string,
): Promise<string> {
  const queue = JSON.stringify(job.queue ?? null);
  const key = JSON.stringify(job.key ?? null);
  const tenant = JSON.stringify(job.tenant ?? DEFAULT_TENANT);
  const envelope = `{"p":${payloadJson},"q":${queue},"k":${key},"t":${tenant}}`;
  const runAt = job.runAt === undefined ? null : job.runAt.toISOString();
  const { rows } = await sql<{ id: number | string }>`
    select id from ${sql.id(schema)}.add_job(
      identifier => ${job.kind},
      payload => ${envelope}::json,
      queue_name => ${job.queue ?? null}::text,
      run_at => ${runAt}::timestamptz,
      max_attempts => ${job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS}::int,
      job_key => ${job.key ?? null}::text,
      priority => ${job.priority ?? 0}::int,
      job_key_mode => 'replace'
    )`.execute(db);
  const id = rows[0]?.id;
  if (id === undefined)
    throw new QueueError("CWB_ERR_QUEUE_INVALID_JOB", "add_job returned no job");
  return String(id);
}

/**
 * Counts graphile jobs by our statuses, pending split at the database's `now()` into due
 * (`run_at` reached) and waiting; reads graphile's public `jobs` view, in one query.
 */
export async function loadGraphileJobs(db: Db, schema: string): Promise<QueueLoad> {
  const { rows } = await sql<{ pending: number; due: number; running: number; failed: number }>`
    select
      count(*) filter (where locked_at is null and attempts < max_attempts)::int as pending,
      count(*) filter (
        where locked_at is null and attempts < max_attempts and run_at <= now()
      )::int as due,
      count(*) filter (where locked_at is not null)::int as running,
      count(*) filter (where locked_at is null and attempts >= max_attempts)::int as failed
    from ${table(schema, "jobs")}`.execute(db);
  const r = rows[0];
  const pending = r?.pending ?? 0;
  const due = r?.due ?? 0;
  return { pending, due, waiting: pending - due, running: r?.running ?? 0, failed: r?.failed ?? 0 };
}

interface GraphileJobRow {
  id: number | string;
  identifier: string;
  payload: GraphileEnvelope;
  attempts: number;
  max_attempts: number;
  key: string | null;
  locked_at: Date | null;
  run_at: Date;
  last_error: string | null;
}

function statusOf(row: GraphileJobRow): JobStatus {
  if (row.locked_at !== null) return "running";
  return row.attempts >= row.max_attempts ? "failed" : "pending";
}

const SELECT_JOBS = (schema: string) => sql`
  select j.id, t.identifier, j.payload, j.attempts, j.max_attempts, j.key, j.locked_at,
         j.run_at, j.last_error
  from ${table(schema, "_private_jobs")} j
  join ${table(schema, "_private_tasks")} t on t.id = j.task_id`;

/** Our status of a graphile job, in SQL (the same rule as {@link statusOf}). */
const STATUS_SQL = sql`(case when j.locked_at is not null then 'running'
  when j.attempts >= j.max_attempts then 'failed' else 'pending' end)`;

function jobInfoOf(row: GraphileJobRow): JobInfo {
  return {
    id: String(row.id),
    kind: row.identifier,
    payload: row.payload.p,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    key: row.key,
    queue: row.payload.q,
    tenant: row.payload.t ?? DEFAULT_TENANT,
    status: statusOf(row),
    runAt: row.run_at,
    lastError: row.last_error,
  };
}

/** One graphile job by id, in the port's shape. */
export async function findGraphileJob(
  db: Db,
  schema: string,
  id: string,
): Promise<JobInfo | undefined> {
  if (!/^\d+$/.test(id)) return undefined;
  const { rows } = await sql<GraphileJobRow>`
    ${SELECT_JOBS(schema)}
    where j.id = ${id}::bigint`.execute(db);
  const row = rows[0];
  return row === undefined ? undefined : jobInfoOf(row);
}

/** graphile jobs by id, optionally only in some of our statuses, in the port's shape. */
export async function listGraphileJobs(
  db: Db,
  schema: string,
  options: { readonly status: readonly JobStatus[]; readonly limit: number },
): Promise<JobInfo[]> {
  if (options.status.length === 0) return [];
  const { rows } = await sql<GraphileJobRow>`
    ${SELECT_JOBS(schema)}
    where ${STATUS_SQL} = any(${[...options.status]}::text[])
    order by j.id
    limit ${options.limit}`.execute(db);
  return rows.map(jobInfoOf);
}
