/**
 * Test-only: makes a job of the store-backed queue look claimed by a worker that died
 * `lockedAgoMs` ago (state `running`, one more attempt, an old lease), as `kill -9` mid-job
 * leaves it. The queue's tables stay behind its adapter: tests outside `queue/` use this.
 */
import { isoIn, nowIso } from "../../store/now.js";
import type { Store } from "../../store/open-store.js";

/**
 * Marks `jobId` as running under a dead worker whose lease was last renewed `lockedAgoMs` ago.
 *
 * @example
 * await simulateCrashedSqlJob(store, id, { lockedAgoMs: 2 * leaseMs });
 */
export async function simulateCrashedSqlJob(
  store: Store,
  jobId: string,
  options: { readonly lockedAgoMs: number },
): Promise<void> {
  await store.db
    .updateTable("jobs")
    .set((eb) => ({
      state: "running",
      attempts: eb("attempts", "+", 1),
      locked_at: isoIn(-options.lockedAgoMs),
      locked_by: "dead-worker",
      updated_at: nowIso(),
    }))
    .where("id", "=", Number(jobId))
    .execute();
}
