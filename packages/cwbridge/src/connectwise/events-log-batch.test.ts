import type { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateToLatest } from "../store/migrate.js";
import { currentOwner } from "../store/request-log-owner.js";
import { queryRequestLog, type RequestStart } from "../store/request-log.js";
import type { Database } from "../store/schema.js";
import { openTestStore, TEST_DIALECTS, type TestStore } from "../store/testing/test-stores.js";
import { createEventsLogBatch, REFUSED, type BatchWriter } from "./events-log-batch.js";

const start = (path: string, method = "POST"): RequestStart => ({
  at: new Date().toISOString(),
  connectionId: "conn-1",
  method,
  path,
  attempt: 1,
  jobId: null,
  owner: currentOwner(),
});

const ok = { status: 200, latencyMs: 5, attempt: 1, outcome: "ok", errorCode: null } as const;

describe.each(TEST_DIALECTS)("events-log group commit on %s", (kind) => {
  let t: TestStore;
  /** Transactions the batch ran, and what the log held (committed) when each resolved. */
  let commits: number;
  let write: BatchWriter;

  beforeEach(async () => {
    t = await openTestStore(kind);
    await migrateToLatest(t.store);
    commits = 0;
    write = async (fn) => {
      const result = await t.store.db.transaction().execute(fn);
      commits += 1;
      return result;
    };
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const rows = () => queryRequestLog(t.store.db, { limit: 100 });

  it("commits the `sending` rows of concurrent attempts in one transaction, each before it resolves", async () => {
    const batch = createEventsLogBatch({ write, isEnabled: async () => true });
    const ids = await Promise.all(
      [1, 2, 3, 4, 5].map(async (i) => {
        const id = await batch.begin(start(`/a/${i}`), true);
        // Committed when it resolves: another handle sees the row.
        const seen = (await rows()).find((r) => r.id === id);
        expect(seen?.outcome).toBe("sending");
        return id;
      }),
    );
    expect(commits).toBe(1);
    expect(new Set(ids).size).toBe(5);
    expect((await rows()).map((r) => r.path)).toEqual(["/a/1", "/a/2", "/a/3", "/a/4", "/a/5"]);
  });

  it("gives a lone attempt its own transaction at once, and completes its row before resolving", async () => {
    const batch = createEventsLogBatch({ write, isEnabled: async () => true });
    const id = await batch.begin(start("/one", "GET"), false);
    expect(commits).toBe(1);
    if (id === REFUSED) throw new Error("an unguarded begin is never refused");
    await batch.finish(id, { ...ok, cwRequestId: "rq-1" });
    expect(commits).toBe(2);
    expect((await rows())[0]).toMatchObject({ outcome: "ok", status: 200, cwRequestId: "rq-1" });
  });

  it("reads the enable flag once per transaction, on it, and refuses every write of a disabled flush", async () => {
    const reads: Kysely<Database>[] = [];
    const batch = createEventsLogBatch({
      write,
      isEnabled: async (db) => {
        reads.push(db);
        return false;
      },
    });
    const results = await Promise.all([
      batch.begin(start("/w/1"), true),
      batch.begin(start("/r/1", "GET"), false),
      batch.begin(start("/w/2", "DELETE"), true),
    ]);
    expect(commits).toBe(1);
    expect(reads).toHaveLength(1);
    expect(reads[0]).not.toBe(t.store.db); // the transaction, not the pool
    expect(results[0]).toBe(REFUSED);
    expect(typeof results[1]).toBe("number");
    expect(results[2]).toBe(REFUSED);
    expect((await rows()).map((r) => [r.path, r.outcome, r.errorCode])).toEqual([
      ["/w/1", "planned", "CWB_ERR_CONNECTION_DISABLED"],
      ["/r/1", "sending", null],
      ["/w/2", "planned", "CWB_ERR_CONNECTION_DISABLED"],
    ]);
  });

  it("fails only the write that cannot be recorded: a failed flush is retried write by write", async () => {
    const batch = createEventsLogBatch({ write, isEnabled: async () => true });
    const bad = { ...start("/bad"), method: null as unknown as string }; // NOT NULL column
    const results = await Promise.allSettled([
      batch.begin(start("/good/1"), true),
      batch.begin(bad, true),
      batch.begin(start("/good/2"), true),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((await rows()).map((r) => [r.path, r.outcome])).toEqual([
      ["/good/1", "sending"],
      ["/good/2", "sending"],
    ]);
  });

  it("takes the writes that arrive during a flush into the next one", async () => {
    const batch = createEventsLogBatch({ write, isEnabled: async () => true });
    const first = batch.begin(start("/first"), true);
    await new Promise((resolve) => setImmediate(resolve)); // the first flush is under way
    const later = await Promise.all([
      first,
      batch.begin(start("/x"), true),
      batch.begin(start("/y"), true),
    ]);
    expect(later.every((id) => typeof id === "number")).toBe(true);
    expect(commits).toBeLessThanOrEqual(2);
    expect(await rows()).toHaveLength(3);
  });
});
