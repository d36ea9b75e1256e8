import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrateToLatest } from "../store/migrate.js";
import {
  dropTestSchema,
  openTestStore,
  testDatabaseUrl,
  uniqueName,
} from "../store/testing/test-stores.js";
import { QueueError } from "./errors.js";
import { createGraphileQueue } from "./graphile-queue.js";
import { runQueueContract } from "./queue.contract.test-suite.js";

runQueueContract("GraphileQueue", async () => {
  const t = await openTestStore("postgres");
  await migrateToLatest(t.store);
  const schema = uniqueName("cwb_gw");
  const queue = createGraphileQueue(t.store, {
    url: testDatabaseUrl(),
    schema,
    resetLockedIntervalMs: { min: 50, max: 100 },
  });
  await queue.migrate();
  return {
    queue,
    store: t.store,
    retryWaitMs: 8_000,
    simulateCrashedWorker: async (jobId) => {
      await sql`
        update ${sql.table(`${schema}._private_jobs`)}
        set locked_at = now() - interval '5 hours', locked_by = 'dead-worker', attempts = attempts + 1
        where id = ${jobId}::bigint`.execute(t.store.db);
    },
    cleanup: async () => {
      await t.cleanup();
      await dropTestSchema(schema);
    },
  };
});

describe("GraphileQueue specifics", () => {
  it("refuses a SQLite store", async () => {
    const t = await openTestStore("sqlite");
    try {
      expect(() => createGraphileQueue(t.store, { url: testDatabaseUrl() })).toThrow(QueueError);
    } finally {
      await t.cleanup();
    }
  });

  it("needs the job kinds to work", async () => {
    const t = await openTestStore("postgres");
    try {
      const queue = createGraphileQueue(t.store, {
        url: testDatabaseUrl(),
        schema: uniqueName("cwb_gw"),
      });
      await expect(queue.work({ concurrency: 1, handler: async () => {} })).rejects.toMatchObject({
        code: "CWB_ERR_QUEUE_KINDS_REQUIRED",
      });
    } finally {
      await t.cleanup();
    }
  });
});
