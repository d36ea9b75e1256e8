import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "../queue/port.js";
import { runInJobScope } from "../core/job-scope.js";
import { createTestApp, type TestApp } from "../app/testing/test-app.js";

describe("forConnection with a job id", () => {
  let t: TestApp;
  const seen: { jobId: string; same: boolean }[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      handlers: {
        probe: async (ctx, job: Job) => {
          const shared = await ctx.clients.forConnection(t.connectionId);
          const cw = await ctx.clients.forConnection(t.connectionId, { jobId: job.id });
          seen.push({ jobId: job.id, same: cw === shared });
          await cw.system.info();
        },
      },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  async function loggedJobIds(): Promise<(string | null)[]> {
    const rows = await t.ctx.store.db
      .selectFrom("request_log")
      .select("job_id")
      .where("path", "like", "%/system/info%")
      .orderBy("id")
      .execute();
    return rows.map((r) => r.job_id);
  }

  it("gives jobs run by the worker the shared client, and logs each request with its job id", async () => {
    const ids = [
      await t.ctx.queue.enqueue({ kind: "probe", payload: {} }),
      await t.ctx.queue.enqueue({ kind: "probe", payload: {} }),
      await t.ctx.queue.enqueue({ kind: "probe", payload: {} }),
    ];
    await t.engine.start({ concurrency: 3, pollMs: 10 });
    await t.ctx.queue.drain({ timeoutMs: 10_000, pollMs: 10 });
    await t.engine.stop();
    expect(seen.map((s) => s.same)).toEqual([true, true, true]);
    expect((await loggedJobIds()).sort()).toEqual([...ids].sort());
  });

  it("binds the job id explicitly outside the job's scope (and inside another job's)", async () => {
    await t.ctx.store.db.deleteFrom("request_log").execute();
    const shared = await t.ctx.clients.forConnection(t.connectionId);
    const outside = await t.ctx.clients.forConnection(t.connectionId, { jobId: "77" });
    expect(outside).not.toBe(shared);
    await outside.system.info();
    const other = await runInJobScope("5", () =>
      t.ctx.clients.forConnection(t.connectionId, { jobId: "78" }),
    );
    await other.system.info();
    expect(await t.ctx.clients.forConnection(t.connectionId, { jobId: undefined })).toBe(shared);
    expect(await loggedJobIds()).toEqual(["77", "78"]);
  });
});
