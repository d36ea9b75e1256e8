import { migrateToLatest } from "../store/migrate.js";
import { openTestStore, TEST_DIALECTS } from "../store/testing/test-stores.js";
import { runQueueContract } from "./queue.contract.test-suite.js";
import { createSqliteQueue } from "./sqlite-queue.js";
import { simulateCrashedSqlJob } from "./testing/simulate-crashed-sql-job.js";

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
      simulateCrashedWorker: (jobId) =>
        simulateCrashedSqlJob(t.store, jobId, { lockedAgoMs: 2 * LEASE_MS }),
      cleanup: () => t.cleanup(),
    };
  });
}
