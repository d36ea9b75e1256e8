import { sql } from "kysely";
import { runMigrations } from "graphile-worker";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateToLatest } from "../store/migrate.js";
import {
  dropTestSchema,
  openTestStore,
  uniqueName,
  type TestStore,
} from "../store/testing/test-stores.js";
import { createGraphileQueue, type GraphileQueue } from "./graphile-queue.js";
import type { QueueError } from "./errors.js";
import type { WorkerHandle } from "./port.js";

// graphile-worker's own runner can end while the engine runs (it shuts itself down on any
// breaking-migration NOTIFY on the database-wide `worker:migrate` channel, whatever schema
// migrated); the adapter restarts it under a new pool id.
describe("graphile runner supervision", () => {
  let t: TestStore;
  let schema: string;
  let other: string;
  let url: string;
  let worker: WorkerHandle | undefined;
  const errors: string[] = [];
  const fatal: QueueError[] = [];
  const seen: string[] = [];

  beforeEach(async () => {
    t = await openTestStore("postgres");
    await migrateToLatest(t.store);
    schema = uniqueName("cwb_gw");
    other = uniqueName("cwb_gw_other");
    url = t.options.kind === "postgres" ? t.options.url : "";
    errors.length = 0;
    fatal.length = 0;
    seen.length = 0;
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    await t.cleanup();
    await dropTestSchema(schema);
    await dropTestSchema(other);
  });

  const start = async (): Promise<GraphileQueue> => {
    const queue = createGraphileQueue(t.store, {
      url,
      schema,
      onRunnerError: (message) => void errors.push(message),
      onFatal: (error) => void fatal.push(error),
    });
    await queue.migrate();
    worker = await queue.work({
      kinds: ["a"],
      concurrency: 1,
      pollMs: 50,
      handler: async (job) => void seen.push(String(job.payload)),
    });
    return queue;
  };

  const pools = async (): Promise<string[]> => {
    const { rows } = await sql<{ worker_id: string }>`
      select worker_id from ${sql.table(`${schema}.cwbridge_workers`)}`.execute(t.store.db);
    return rows.map((r) => r.worker_id);
  };

  // graphile LISTENs on a connection of its own, shortly after run() resolved
  const listening = () =>
    expect
      .poll(
        async () => {
          const { rows } = await sql<{ n: number }>`
            select count(*)::int as n from pg_stat_activity
            where application_name = ${`cwbridge graphile ${schema}`} and query like 'LISTEN%'`.execute(
            t.store.db,
          );
          return rows[0]?.n;
        },
        { timeout: 5_000, interval: 50 },
      )
      .toBe(1);

  const runsSoon = async (queue: GraphileQueue, payload: string) => {
    await queue.enqueue({ kind: "a", payload });
    await queue.drain({ timeoutMs: 8_000, pollMs: 50 });
    expect(seen).toContain(payload);
  };

  it("runs jobs again after another schema's migration shut graphile's runner down", async () => {
    const exitCode = process.exitCode;
    const queue = await start();
    await runsSoon(queue, "before");
    const [before] = await pools();
    await listening();

    // a fresh graphile schema elsewhere in the database: breaking migrations, NOTIFY worker:migrate
    await runMigrations({ connectionString: url, schema: other });
    await runsSoon(queue, "after");

    expect(errors.some((m) => m.includes("ended"))).toBe(true);
    const after = await pools();
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
    expect(process.exitCode).toBe(exitCode);
  }, 20_000);

  it("runs jobs again after its runner's connections were terminated", async () => {
    const queue = await start();
    await runsSoon(queue, "before");
    const { rows } = await sql<{ n: number }>`
      select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where application_name = ${`cwbridge graphile ${schema}`}`.execute(t.store.db);
    expect(rows[0]?.n).toBeGreaterThan(0);
    await runsSoon(queue, "after");
  }, 20_000);

  it("gives up loudly when a newer graphile's breaking migration keeps the runner from restarting", async () => {
    const exitCode = process.exitCode;
    await start();
    const before = await pools();
    await listening();
    try {
      // a newer graphile-worker migrated our schema (breaking); then a notice reaches the runner
      await sql`insert into ${sql.table(`${schema}.migrations`)} (id, breaking) values (9999, true)`.execute(
        t.store.db,
      );
      await runMigrations({ connectionString: url, schema: other });
      await expect.poll(() => fatal.length, { timeout: 45_000, interval: 200 }).toBe(1);
    } finally {
      process.exitCode = exitCode;
    }
    expect(fatal[0]?.code).toBe("CWB_ERR_QUEUE_RUNNER_FAILED");
    expect(
      errors.filter((m) => m.includes("restarting graphile-worker's runner failed")),
    ).toHaveLength(5);
    // the ended pool was released and unregistered; no new pool took its place
    expect(before).toHaveLength(1);
    expect(await pools()).toEqual([]);
  }, 60_000);
});
