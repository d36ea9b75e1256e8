/**
 * Claims the next due job in one short transaction (SQLite: `BEGIN IMMEDIATE`; PostgreSQL:
 * advisory transaction lock + `FOR UPDATE SKIP LOCKED`), reclaiming expired leases first
 * (unless the caller did that a moment ago). The transaction is relaxed (no wait for the
 * disk): a claim lost with a power cut only means the job runs again (at least once).
 */
import { isoIn, nowIso } from "../store/now.js";
import type { Store } from "../store/open-store.js";
import type { Job } from "./port.js";
import { jobFromRow, lockJob, reclaimExpired, selectNextJob } from "./sql-jobs.js";

/** Who claims, and what. */
export interface ClaimOptions {
  readonly workerId: string;
  readonly kinds: readonly string[] | undefined;
  /** A running job whose lease is older than this is considered lost. */
  readonly leaseMs: number;
  /** Look for expired leases first (default true; the worker does it every `leaseMs / 4`). */
  readonly reclaim?: boolean;
}

/**
 * The claimed job (now `running`, attempts incremented), or `undefined` when none is due.
 *
 * @example
 * const job = await claimJob(store, { workerId: "w1", kinds: undefined, leaseMs: 60_000 });
 */
export async function claimJob(store: Store, options: ClaimOptions): Promise<Job | undefined> {
  return store.transaction(
    async (tx) => {
      await store.ops.lockJobClaim(tx);
      const now = nowIso();
      if (options.reclaim !== false) await reclaimExpired(tx, isoIn(-options.leaseMs), now);
      const next = await selectNextJob(tx, store.ops, { now, kinds: options.kinds });
      if (next === undefined) return undefined;
      return jobFromRow(await lockJob(tx, next.id, options.workerId, now));
    },
    { durability: "relaxed" },
  );
}
