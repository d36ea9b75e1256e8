/**
 * The registry of cwbridge's graphile-worker pools: `<schema>.cwbridge_workers` (installed by
 * `GraphileQueue.migrate()` next to graphile-worker's own tables), one row per running pool —
 * its id (what graphile writes in `locked_by`), its owner process and its last heartbeat
 * (database clock). The sweep releases the jobs of dead pools (see `graphile-dead-workers.ts`)
 * through graphile-worker's own `force_unlock_workers(worker_ids)` (what
 * `WorkerUtils.forceUnlockWorkers` calls), which frees their jobs and job queues at once.
 */
import { sql, type Kysely } from "kysely";
import type { RequestOwner } from "../store/request-log-owner.js";
import type { Database } from "../store/schema.js";
import { isDeadPool, type DeadPoolPolicy, type RegisteredPool } from "./graphile-dead-workers.js";

type Db = Kysely<Database>;

const TABLE = "cwbridge_workers";

function registry(schema: string) {
  return sql.table(`${schema}.${TABLE}`);
}

/**
 * Creates the registry table if missing (after graphile-worker's migrations). Idempotent, and
 * safe from several processes at once (`create table if not exists` alone is not: it can fail
 * on a concurrent create, hence the advisory lock).
 */
export async function installPoolRegistry(db: Db, schema: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`${schema}.${TABLE}`}))`.execute(tx);
    await sql`
      create table if not exists ${registry(schema)} (
        worker_id text primary key,
        owner_host text not null,
        owner_pid integer not null,
        started_at timestamptz not null default now(),
        heartbeat_at timestamptz not null default now()
      )`.execute(tx);
  });
}

/** Registers a pool, or refreshes its heartbeat (re-registers it if it was swept). */
export async function beatPool(
  db: Db,
  schema: string,
  workerId: string,
  owner: RequestOwner,
): Promise<void> {
  await sql`
    insert into ${registry(schema)} (worker_id, owner_host, owner_pid)
    values (${workerId}, ${owner.host}, ${owner.pid})
    on conflict (worker_id) do update set heartbeat_at = now()`.execute(db);
}

/** Removes a stopped pool's row. */
export async function unregisterPool(db: Db, schema: string, workerId: string): Promise<void> {
  await sql`delete from ${registry(schema)} where worker_id = ${workerId}`.execute(db);
}

async function registeredPools(db: Db, schema: string): Promise<RegisteredPool[]> {
  const { rows } = await sql<{
    worker_id: string;
    owner_host: string;
    owner_pid: number;
    age_ms: number;
  }>`
    select worker_id, owner_host, owner_pid,
           (extract(epoch from (now() - heartbeat_at)) * 1000)::float8 as age_ms
    from ${registry(schema)}`.execute(db);
  return rows.map((r) => ({
    workerId: r.worker_id,
    ownerHost: r.owner_host,
    ownerPid: r.owner_pid,
    heartbeatAgeMs: r.age_ms,
  }));
}

/** Ids holding a lock older than `staleAfterMs` that no pool registered. */
async function orphanedLockers(db: Db, schema: string, staleAfterMs: number): Promise<string[]> {
  const cutoff = sql`now() - make_interval(secs => ${staleAfterMs / 1000})`;
  const { rows } = await sql<{ locked_by: string }>`
    select locked_by from ${sql.table(`${schema}._private_jobs`)}
    where locked_by is not null and locked_at < ${cutoff}
    union
    select locked_by from ${sql.table(`${schema}._private_job_queues`)}
    where locked_by is not null and locked_at < ${cutoff}
    except
    select worker_id from ${registry(schema)}`.execute(db);
  return rows.map((r) => r.locked_by);
}

/**
 * Releases the jobs and job queues locked by these pool ids and forgets the pools.
 *
 * A released job that graphile marked superseded while it ran (its key was enqueued again:
 * graphile cleared its key and set its attempts to the maximum, expecting it to finish) gets
 * one more run instead of reading as failed: it may hold state under its own id (an incident
 * lease) that only it can take back at once, and it was cut short, not failed.
 */
export async function forceUnlockPools(
  db: Db,
  schema: string,
  workerIds: readonly string[],
): Promise<void> {
  if (workerIds.length === 0) return;
  const ids = [...workerIds];
  await db.transaction().execute(async (tx) => {
    await sql`
      update ${sql.table(`${schema}._private_jobs`)}
      set attempts = max_attempts - 1
      where locked_by = any(${ids}::text[]) and key is null and attempts >= max_attempts
        and payload->>'k' is not null`.execute(tx);
    await sql`select ${sql.id(schema)}.force_unlock_workers(${ids}::text[])`.execute(tx);
    await sql`delete from ${registry(schema)} where worker_id = any(${ids}::text[])`.execute(tx);
  });
}

/**
 * Releases the jobs of every dead pool and of orphaned locks; returns the pool ids released.
 *
 * @example
 * const released = await sweepDeadPools(db, "graphile_worker", { staleAfterMs: 300_000, self: currentOwner(), isPidAlive });
 */
export async function sweepDeadPools(
  db: Db,
  schema: string,
  policy: DeadPoolPolicy,
): Promise<string[]> {
  const dead = (await registeredPools(db, schema))
    .filter((pool) => isDeadPool(pool, policy))
    .map((pool) => pool.workerId);
  const orphaned = await orphanedLockers(db, schema, policy.staleAfterMs);
  const released = [...new Set([...dead, ...orphaned])];
  await forceUnlockPools(db, schema, released);
  return released;
}
