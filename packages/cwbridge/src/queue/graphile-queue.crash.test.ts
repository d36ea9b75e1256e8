import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrateToLatest } from "../store/migrate.js";
import {
  dropTestSchema,
  openTestStore,
  uniqueName,
  type TestStore,
} from "../store/testing/test-stores.js";
import { createGraphileQueue, type GraphileQueue } from "./graphile-queue.js";
import type { Job } from "./port.js";

const CHILD = fileURLToPath(new URL("./testing/graphile-crash-worker.ts", import.meta.url));

function startChild(url: string, schema: string) {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, url, schema], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const started = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      const m = /started (\d+)/.exec(chunk.toString());
      if (m?.[1] !== undefined) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`child exited early (${String(code)})`)));
  });
  const kill = () =>
    new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
  return { started, kill };
}

// graphile-worker alone keeps a dead worker's job locked for 4 hours; the pool registry
// releases it when a worker starts (owner pid gone on this host) or its heartbeat is stale.
describe("GraphileQueue crash recovery", () => {
  let t: TestStore;
  let schema: string;
  let url: string;
  beforeEach(async () => {
    t = await openTestStore("postgres");
    await migrateToLatest(t.store);
    schema = uniqueName("cwb_gw");
    url = t.options.kind === "postgres" ? t.options.url : "";
  });
  afterEach(async () => {
    await t.cleanup();
    await dropTestSchema(schema);
  });

  const queueOf = async (recovery?: { staleAfterMs: number; heartbeatMs: number }) => {
    const queue = createGraphileQueue(t.store, {
      url,
      schema,
      ...(recovery === undefined ? {} : { recovery }),
    });
    await queue.migrate();
    return queue;
  };

  const runAll = async (queue: GraphileQueue, timeoutMs: number) => {
    const seen: Job[] = [];
    const worker = await queue.work({
      kinds: ["a"],
      concurrency: 1,
      pollMs: 50,
      handler: async (job) => void seen.push(job),
    });
    try {
      await queue.drain({ timeoutMs, pollMs: 50 });
    } finally {
      await worker.stop();
    }
    return seen.map((j) => [j.id, j.payload, j.attempts]);
  };

  it("runs a SIGKILLed worker's job within seconds on the next start", async () => {
    const queue = await queueOf();
    const id = await queue.enqueue({ kind: "a", payload: "survive", maxAttempts: 3 });
    const child = startChild(url, schema);
    expect(await child.started).toBe(id);
    await child.kill();
    expect(await queue.getJob(id)).toMatchObject({ status: "running", attempts: 1 });

    const began = Date.now();
    expect(await runAll(queue, 15_000)).toEqual([[id, "survive", 2]]);
    expect(Date.now() - began).toBeLessThan(15_000);
  });

  it("gives a killed job superseded by a re-enqueue of its key one more run", async () => {
    const queue = await queueOf();
    const first = await queue.enqueue({ kind: "a", payload: "first", key: "k1" });
    const child = startChild(url, schema);
    expect(await child.started).toBe(first);
    const second = await queue.enqueue({ kind: "a", payload: "second", key: "k1" });
    await child.kill();

    const ran = await runAll(queue, 15_000);
    expect(ran.map(([id, payload]) => [id, payload]).sort()).toEqual(
      [
        [first, "first"],
        [second, "second"],
      ].sort(),
    );
    expect(await queue.stats()).toEqual({ pending: 0, running: 0, failed: 0 });
  });

  it("releases a pool of another host once its heartbeat is stale, not before", async () => {
    const queue = await queueOf({ staleAfterMs: 2_000, heartbeatMs: 200 });
    const fresh = await queue.enqueue({ kind: "a", payload: "fresh" });
    const stale = await queue.enqueue({ kind: "a", payload: "stale" });
    const registry = sql.table(`${schema}.cwbridge_workers`);
    const jobs = sql.table(`${schema}._private_jobs`);
    await sql`
      insert into ${registry} (worker_id, owner_host, owner_pid, heartbeat_at) values
        ('pool-elsewhere-live', 'other-host', 1, now()),
        ('pool-elsewhere-dead', 'other-host', 1, now() - interval '1 minute')`.execute(t.store.db);
    const lock = (jobId: string, by: string) => sql`
      update ${jobs} set locked_at = now(), locked_by = ${by}, attempts = 1
      where id = ${jobId}::bigint`;
    await lock(fresh, "pool-elsewhere-live").execute(t.store.db);
    await lock(stale, "pool-elsewhere-dead").execute(t.store.db);

    const seen: string[] = [];
    const worker = await queue.work({
      kinds: ["a"],
      concurrency: 1,
      pollMs: 50,
      handler: async (job) => void seen.push(String(job.payload)),
    });
    try {
      await queue.drain({ timeoutMs: 1_000, pollMs: 50 }).catch(() => undefined);
      expect(seen).toEqual(["stale"]);
      expect(await queue.getJob(fresh)).toMatchObject({ status: "running" });
      // the live-looking pool stops beating: after 2 s its job comes back on a heartbeat sweep
      await queue.drain({ timeoutMs: 10_000, pollMs: 50 });
      expect(seen).toEqual(["stale", "fresh"]);
    } finally {
      await worker.stop();
    }
  });

  it("releases an unregistered pool's stale lock (a pool from before the registry)", async () => {
    const queue = await queueOf({ staleAfterMs: 2_000, heartbeatMs: 200 });
    const id = await queue.enqueue({ kind: "a", payload: "old" });
    await sql`
      update ${sql.table(`${schema}._private_jobs`)}
      set locked_at = now() - interval '1 minute', locked_by = 'pool-unknown', attempts = 1
      where id = ${id}::bigint`.execute(t.store.db);
    expect(await runAll(queue, 5_000)).toEqual([[id, "old", 2]]);
  });
});
