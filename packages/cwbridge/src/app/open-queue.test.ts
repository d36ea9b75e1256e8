import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { GraphileQueue } from "../queue/graphile-queue.js";
import { SqliteQueue } from "../queue/sqlite-queue.js";
import { simulateCrashedSqlJob } from "../queue/testing/simulate-crashed-sql-job.js";
import { migrateToLatest } from "../store/migrate.js";
import {
  dropTestSchema,
  openTestStore,
  uniqueName,
  type TestStore,
} from "../store/testing/test-stores.js";
import { openApp, type App } from "./open-app.js";
import { openQueue } from "./open-queue.js";

// A job left `running` by a worker that was SIGKILLed comes back once its lease expires; the
// engine's `queue.leaseMs` knob makes that fast for crash drills (production default: 60 s).
describe("openApp queue tuning", () => {
  let engine: App | undefined;
  let store: TestStore | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    await engine?.close();
    await store?.cleanup();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it("reclaims a dead worker's running job after the configured lease", async () => {
    store = await openTestStore("sqlite");
    dataDir = mkdtempSync(join(tmpdir(), "cwb-lease-"));
    const db = store.options.kind === "sqlite" ? store.options.file : "";
    const seen: string[] = [];
    engine = await openApp({
      config: loadConfig({
        env: { CWBRIDGE_HOME: dataDir, DATABASE_URL: `sqlite:${db}`, CWBRIDGE_LOG_LEVEL: "silent" },
      }),
      maintenance: false,
      queue: { leaseMs: 300 },
      handlers: { orphan: async (_ctx, job) => void seen.push(job.id) },
    });
    const id = await engine.ctx.queue.enqueue({ kind: "orphan", payload: {} });
    await simulateCrashedSqlJob(engine.ctx.store, id, { lockedAgoMs: 1_000 });
    await engine.start({ concurrency: 1, pollMs: 20 });
    await engine.ctx.queue.drain({ timeoutMs: 5_000 });
    expect(seen).toEqual([id]);
  });
});

describe("openQueue defaults", () => {
  const silent = pino({ level: "silent" });
  let store: TestStore | undefined;
  const graphileSchema = uniqueName("cwb_gw");
  afterEach(async () => {
    await store?.cleanup();
    await dropTestSchema(graphileSchema);
  });

  const configFor = (env: Record<string, string>) =>
    loadConfig({ env: { CWBRIDGE_HOME: "/tmp/cwb-unused", CWBRIDGE_LOG_LEVEL: "silent", ...env } });

  it("is graphile-worker on PostgreSQL unless CWBRIDGE_QUEUE=sql", async () => {
    store = await openTestStore("postgres");
    await migrateToLatest(store.store);
    const url = store.options.kind === "postgres" ? store.options.url : "";
    const byDefault = await openQueue(configFor({ DATABASE_URL: url }), store.store, silent, {
      graphileSchema,
    });
    expect(byDefault).toBeInstanceOf(GraphileQueue);
    const explicit = configFor({ DATABASE_URL: url, CWBRIDGE_QUEUE: "sql" });
    expect(await openQueue(explicit, store.store, silent)).toBeInstanceOf(SqliteQueue);
  });

  it("is the SQL queue on SQLite", async () => {
    store = await openTestStore("sqlite");
    const file = store.options.kind === "sqlite" ? store.options.file : "";
    const config = configFor({ DATABASE_URL: `sqlite:${file}` });
    expect(await openQueue(config, store.store, silent)).toBeInstanceOf(SqliteQueue);
  });
});
