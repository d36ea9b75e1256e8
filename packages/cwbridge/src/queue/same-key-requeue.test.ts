import { afterEach, describe, expect, it } from "vitest";
import { migrateToLatest } from "../store/migrate.js";
import { isoIn, nowIso } from "../store/now.js";
import { openTestStore, TEST_DIALECTS, type TestStore } from "../store/testing/test-stores.js";
import { createSqliteQueue } from "./sqlite-queue.js";

// Regression: a keyed job that runs while a newer job with the same key is enqueued (pending)
// must not be put back to `pending` (the unique pending-key index refuses it). Before the fix
// a crashed worker's reclaim failed on every claim — the whole queue stalled forever after a
// SIGKILL — and a failed run left its job `running`.
describe.each(TEST_DIALECTS)("same-key requeue on %s", (dialect) => {
  let t: TestStore | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  async function setUp() {
    t = await openTestStore(dialect);
    await migrateToLatest(t.store);
    const errors: unknown[] = [];
    const queue = createSqliteQueue(t.store, {
      leaseMs: 300,
      backoff: { baseMs: 10, maxMs: 50 },
      onError: (err) => void errors.push(err),
    });
    return { store: t.store, queue, errors };
  }

  it("reclaims a dead worker's job whose key has a pending successor: it absorbs the successor (keeps its id)", async () => {
    const { store, queue, errors } = await setUp();
    const first = await queue.enqueue({ kind: "work", payload: { n: 1 }, key: "k" });
    await store.db
      .updateTable("jobs")
      .set({
        state: "running",
        attempts: 1,
        locked_by: "dead",
        locked_at: isoIn(-5_000),
        updated_at: nowIso(),
      })
      .where("id", "=", Number(first))
      .execute();
    const second = await queue.enqueue({ kind: "work", payload: { n: 2 }, key: "k" });
    const other = await queue.enqueue({ kind: "work", payload: { n: 3 } });
    const seen: { id: string; payload: unknown }[] = [];
    const worker = await queue.work({
      concurrency: 1,
      pollMs: 10,
      handler: async (job) => void seen.push({ id: job.id, payload: job.payload }),
    });
    await queue.drain({ timeoutMs: 5_000 });
    await worker.stop();
    expect(errors).toEqual([]);
    expect(seen).toHaveLength(2);
    expect(seen).toEqual(
      expect.arrayContaining([
        { id: first, payload: { n: 2 } },
        { id: other, payload: { n: 3 } },
      ]),
    );
    expect(await queue.getJob(second)).toBeUndefined();
  });

  it("drops a failed run whose key got a pending successor while it ran (the successor redoes the work)", async () => {
    const { queue, errors } = await setUp();
    const seen: unknown[] = [];
    let enqueued = false;
    const worker = await queue.work({
      concurrency: 1,
      pollMs: 10,
      handler: async (job) => {
        seen.push(job.payload);
        if (!enqueued) {
          enqueued = true;
          await queue.enqueue({ kind: "work", payload: { n: 2 }, key: "k" });
          throw new Error("first run fails");
        }
      },
    });
    await queue.enqueue({ kind: "work", payload: { n: 1 }, key: "k" });
    await queue.drain({ timeoutMs: 5_000 });
    await worker.stop();
    expect(errors).toEqual([]);
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await queue.stats()).toEqual({ pending: 0, running: 0, failed: 0 });
  });
});
