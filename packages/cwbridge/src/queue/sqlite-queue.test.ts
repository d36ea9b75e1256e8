import { migrateToLatest } from "../store/migrate.js";
import { isoIn, nowIso } from "../store/now.js";
import { openTestStore, TEST_DIALECTS } from "../store/testing/test-stores.js";
import { runQueueContract } from "./queue.contract.test-suite.js";
import { createSqliteQueue } from "./sqlite-queue.js";

const LEASE_MS = 2_000;

for (const kind of TEST_DIALECTS) {
  runQueueContract(`SqliteQueue on ${kind}`, async () => {
    const t = await openTestStore(kind);
    await migrateToLatest(t.store);
    const queue = createSqliteQueue(t.store, {
      leaseMs: LEASE_MS,
      backoff: { baseMs: 20, maxMs: 200 },
      onError: (err) => {
        throw err;
      },
    });
    return {
      queue,
      store: t.store,
      retryWaitMs: 200,
      simulateCrashedWorker: async (jobId) => {
        await t.store.db
          .updateTable("jobs")
          .set((eb) => ({
            state: "running",
            attempts: eb("attempts", "+", 1),
            locked_at: isoIn(-2 * LEASE_MS),
            locked_by: "dead-worker",
            updated_at: nowIso(),
          }))
          .where("id", "=", Number(jobId))
          .execute();
      },
      cleanup: () => t.cleanup(),
    };
  });
}
