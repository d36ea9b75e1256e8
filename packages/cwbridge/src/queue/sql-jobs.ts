/**
 * The SQL operations of the store-backed queue (the `jobs` table), one function each.
 * Portable Kysely; the only dialect-specific parts come from `store.ops`
 * (`lockJobClaim`, `skipLocked`).
 */
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SqlBool,
} from "kysely";
import type { DialectOps } from "../store/dialects/dialect-ops.js";
import { toIso } from "../store/now.js";
import type { Database, JobState, JobsTable } from "../store/schema.js";
import type { Job, JobInfo, JobSpec, JobStatus, QueueLoad } from "./port.js";
import { DEFAULT_MAX_ATTEMPTS } from "./validate-job.js";
import { DEFAULT_TENANT } from "../core/tenant.js";

type Db = Kysely<Database>;
type JobRow = Selectable<JobsTable>;

/** Row → job as a handler sees it. */
export function jobFromRow(row: JobRow): Job {
  return {
    id: String(row.id),
    kind: row.kind,
    payload: JSON.parse(row.payload_json) as unknown,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    key: row.key,
    queue: row.queue_name,
    tenant: row.tenant,
  };
}

/** A row that is still visible (done jobs are deleted; a `done` state is never reported). */
type LiveJobRow = JobRow & { state: JobStatus };

/** Row → inspected job. */
export function jobInfoFromRow(row: LiveJobRow): JobInfo {
  return {
    ...jobFromRow(row),
    status: row.state,
    runAt: new Date(row.run_at),
    lastError: row.last_error,
  };
}

/**
 * Inserts a job, or replaces the pending job with the same key (one statement, so concurrent
 * enqueuers of one key cannot both insert). Returns the job id.
 */
export async function insertJob(db: Db, job: JobSpec, payloadJson: string): Promise<string> {
  const now = toIso(new Date());
  const row = await db
    .insertInto("jobs")
    .values({
      kind: job.kind,
      payload_json: payloadJson,
      key: job.key ?? null,
      queue_name: job.queue ?? null,
      priority: job.priority ?? 0,
      run_at: job.runAt === undefined ? now : toIso(job.runAt),
      max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      tenant: job.tenant ?? DEFAULT_TENANT,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .column("key")
        .where(sql.ref("state"), "=", sql.lit("pending"))
        .doUpdateSet((eb) => ({
          kind: eb.ref("excluded.kind"),
          payload_json: eb.ref("excluded.payload_json"),
          queue_name: eb.ref("excluded.queue_name"),
          priority: eb.ref("excluded.priority"),
          run_at: eb.ref("excluded.run_at"),
          max_attempts: eb.ref("excluded.max_attempts"),
          attempts: 0,
          last_error: null,
          updated_at: eb.ref("excluded.updated_at"),
        })),
    )
    .returning("id")
    .executeTakeFirstOrThrow();
  return String(row.id);
}

/**
 * Returns expired leases to the queue (or fails them when no attempt is left): a job still
 * `running` with `locked_at` older than the cutoff belonged to a worker that died. Only one
 * pending job per key may exist, so a keyed job whose key got a pending successor meanwhile
 * absorbs it (takes its kind, payload and schedule; the successor row is deleted): the job
 * keeps its id, so whatever it held under that id (e.g. an incident lease) is still its own.
 */
export async function reclaimExpired(db: Db, leaseCutoff: string, now: string): Promise<void> {
  const expired = (eb: ExpressionBuilder<Database, "jobs">) =>
    eb.and([
      eb("jobs.state", "=", "running"),
      eb("jobs.locked_at", "<", leaseCutoff),
      eb("jobs.key", "is not", null),
    ]);
  await db
    .deleteFrom("jobs")
    .where(expired)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("jobs as s")
          .select("s.id")
          .whereRef("s.key", "=", "jobs.key")
          .where("s.state", "=", "running")
          .where("s.locked_at", "<", leaseCutoff)
          .whereRef("s.id", ">", "jobs.id"),
      ),
    )
    .execute();
  const successor = (eb: ExpressionBuilder<Database, "jobs">) =>
    eb.selectFrom("jobs as s").whereRef("s.key", "=", "jobs.key").where("s.state", "=", "pending");
  await db
    .updateTable("jobs")
    .set((eb) => ({
      kind: successor(eb).select("s.kind"),
      payload_json: successor(eb).select("s.payload_json"),
      queue_name: successor(eb).select("s.queue_name"),
      priority: successor(eb).select("s.priority"),
      run_at: successor(eb).select("s.run_at"),
      max_attempts: successor(eb).select("s.max_attempts"),
    }))
    .where(expired)
    .where((eb) => eb.exists(successor(eb).select("s.id")))
    .execute();
  await db
    .deleteFrom("jobs")
    .where("state", "=", "pending")
    .where("key", "in", (eb) =>
      eb
        .selectFrom("jobs as r")
        .select("r.key")
        .where("r.state", "=", "running")
        .where("r.locked_at", "<", leaseCutoff)
        .where("r.key", "is not", null),
    )
    .execute();
  await db
    .updateTable("jobs")
    .set((eb) => ({
      state: eb
        .case()
        .when("attempts", ">=", eb.ref("max_attempts"))
        .then(sql.lit<JobState>("failed"))
        .else(sql.lit<JobState>("pending"))
        .end(),
      last_error: "lease expired: the worker running this job was lost",
      locked_at: null,
      locked_by: null,
      updated_at: now,
    }))
    .where("state", "=", "running")
    .where("locked_at", "<", leaseCutoff)
    .execute();
}

/** Finds the next due job (priority, run_at, id), skipping queues that have a running job. */
export async function selectNextJob(
  db: Db,
  ops: DialectOps,
  options: { now: string; kinds: readonly string[] | undefined },
): Promise<JobRow | undefined> {
  let q = db
    .selectFrom("jobs as j")
    .selectAll()
    .where("j.state", "=", "pending")
    .where("j.run_at", "<=", options.now)
    .where((eb) =>
      eb.or([
        eb("j.queue_name", "is", null),
        eb.not(
          eb.exists(
            eb
              .selectFrom("jobs as r")
              .select("r.id")
              .whereRef("r.queue_name", "=", "j.queue_name")
              .where("r.state", "=", "running"),
          ),
        ),
      ]),
    );
  if (options.kinds !== undefined) q = q.where("j.kind", "in", [...options.kinds]);
  q = q.orderBy("j.priority").orderBy("j.run_at").orderBy("j.id").limit(1);
  if (ops.skipLocked) q = q.forUpdate().skipLocked();
  return q.executeTakeFirst();
}

/** Marks a job as running under `workerId`; returns the updated row. */
export async function lockJob(db: Db, id: number, workerId: string, now: string): Promise<JobRow> {
  return db
    .updateTable("jobs")
    .set((eb) => ({
      state: "running",
      attempts: eb("attempts", "+", 1),
      locked_at: now,
      locked_by: workerId,
      updated_at: now,
    }))
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Removes a finished job (only if this worker still holds it). */
export async function completeJob(db: Db, id: number, workerId: string): Promise<void> {
  await db.deleteFrom("jobs").where("id", "=", id).where("locked_by", "=", workerId).execute();
}

/**
 * Records a failed run: back to pending at `retryAt`, or `failed` when no attempt is left. A
 * keyed job whose key already has a pending job (enqueued while it ran) is dropped instead of
 * requeued: only one pending job per key may exist, and that one redoes the work.
 */
export async function failJob(
  db: Db,
  job: Job,
  options: { workerId: string; error: string; retryAt: string; now: string },
): Promise<void> {
  const dead = job.attempts >= job.maxAttempts;
  const pendingSibling = (eb: ExpressionBuilder<Database, "jobs">) =>
    eb.exists(
      eb
        .selectFrom("jobs as s")
        .select("s.id")
        .whereRef("s.key", "=", "jobs.key")
        .where("s.state", "=", "pending"),
    );
  let update = db
    .updateTable("jobs")
    .set({
      state: dead ? "failed" : "pending",
      run_at: dead ? options.now : options.retryAt,
      last_error: options.error,
      locked_at: null,
      locked_by: null,
      updated_at: options.now,
    })
    .where("id", "=", Number(job.id))
    .where("locked_by", "=", options.workerId);
  if (!dead) update = update.where((eb) => eb.not(pendingSibling(eb)));
  const result = await update.executeTakeFirst();
  if (dead || Number(result.numUpdatedRows) > 0) return;
  await db
    .deleteFrom("jobs")
    .where("id", "=", Number(job.id))
    .where("locked_by", "=", options.workerId)
    .where((eb) => pendingSibling(eb))
    .execute();
}

/** Renews the lease of the jobs this worker is running. */
export async function heartbeat(
  db: Db,
  workerId: string,
  ids: readonly number[],
  now: string,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("jobs")
    .set({ locked_at: now })
    .where("state", "=", "running")
    .where("locked_by", "=", workerId)
    .where("id", "in", [...ids])
    .execute();
}

/**
 * Counts jobs by status, pending split at `now` into due (`run_at <= now`) and waiting, in one
 * query.
 */
export async function loadJobs(db: Db, now: string): Promise<QueueLoad> {
  const row = await db
    .selectFrom("jobs")
    .select((eb) => {
      const countWhere = (where: Expression<SqlBool>) =>
        eb.fn.sum<number | string | null>(
          eb.case().when(where).then(eb.lit(1)).else(eb.lit(0)).end(),
        );
      return [
        countWhere(eb("state", "=", "pending")).as("pending"),
        countWhere(eb.and([eb("state", "=", "pending"), eb("run_at", "<=", now)])).as("due"),
        countWhere(eb("state", "=", "running")).as("running"),
        countWhere(eb("state", "=", "failed")).as("failed"),
      ];
    })
    .executeTakeFirstOrThrow();
  const pending = Number(row.pending ?? 0);
  const due = Number(row.due ?? 0);
  return {
    pending,
    due,
    waiting: pending - due,
    running: Number(row.running ?? 0),
    failed: Number(row.failed ?? 0),
  };
}

/** Jobs not done, by id, optionally only in some statuses. */
export async function listJobRows(
  db: Db,
  options: { readonly status: readonly JobStatus[]; readonly limit: number },
): Promise<JobInfo[]> {
  if (options.status.length === 0) return [];
  const rows = await db
    .selectFrom("jobs")
    .selectAll()
    .where("state", "in", [...options.status])
    .orderBy("id")
    .limit(options.limit)
    .$narrowType<{ state: JobStatus }>()
    .execute();
  return rows.map(jobInfoFromRow);
}

/** One job by id. */
export async function findJob(db: Db, id: string): Promise<JobInfo | undefined> {
  const n = Number(id);
  if (!Number.isSafeInteger(n)) return undefined;
  const row = await db
    .selectFrom("jobs")
    .selectAll()
    .where("id", "=", n)
    .where("state", "!=", "done")
    .$narrowType<{ state: JobStatus }>()
    .executeTakeFirst();
  return row === undefined ? undefined : jobInfoFromRow(row);
}
