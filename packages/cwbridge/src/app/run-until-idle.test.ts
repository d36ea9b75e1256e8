import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./testing/test-app.js";
import { runUntilIdle } from "./run-until-idle.js";

const HOUR_MS = 3_600_000;

// The SQL queue (SQLite) and graphile-worker (PostgreSQL) behind the same CLI loop: it asks
// the port only, so both stop once nothing is due or running.
const QUEUES = [
  { name: "SqliteQueue on sqlite", queue: "sql", options: {} },
  {
    name: "GraphileQueue",
    queue: "graphile",
    options: { dialect: "postgres", env: { CWBRIDGE_QUEUE: "graphile" } },
  },
] as const;

describe.each(QUEUES)("runUntilIdle over $name", ({ queue, options }) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("stops once the due work is done, reporting a job scheduled later as waiting", async () => {
    const ran: unknown[] = [];
    t = await createTestApp({
      ...options,
      withConnection: false,
      handlers: { note: async (_ctx, job) => void ran.push(job.payload) },
    });
    expect(t.ctx.config.queue).toBe(queue);
    await t.ctx.queue.enqueue({ kind: "note", payload: "now" });
    await t.ctx.queue.enqueue({
      kind: "note",
      payload: "later",
      runAt: new Date(Date.now() + HOUR_MS),
    });
    const report = await runUntilIdle(t.engine, { timeoutMs: 20_000 });
    expect(ran).toEqual(["now"]);
    expect(report).toEqual({
      stats: { pending: 1, running: 0, failed: 0 },
      waiting: 1,
      timedOut: false,
    });
  });

  it("times out while a job is still running", async () => {
    t = await createTestApp({
      ...options,
      withConnection: false,
      handlers: { slow: async () => void (await sleep(1_500)) },
    });
    await t.ctx.queue.enqueue({ kind: "slow", payload: null });
    const report = await runUntilIdle(t.engine, { timeoutMs: 300 });
    expect(report.timedOut).toBe(true);
    expect(report.waiting).toBe(0);
    expect(report.stats.running + report.stats.pending).toBe(1);
  });
});
