import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { queryRequestLog } from "../store/request-log.js";
import { TEST_DIALECTS } from "../store/testing/test-stores.js";
import type { JobHandlers } from "../core/context.js";
import { openApp } from "./open-app.js";
import { createTestApp, type TestApp } from "./testing/test-app.js";

describe.each(TEST_DIALECTS)("openApp on %s", (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("migrates, generates a 0600 key file and reaches the emulator with a logged, enabled connection", async () => {
    t = await createTestApp({ dialect });
    expect(t.engine.keyringSource).toBe("generated");
    expect(statSync(join(t.dataDir, "master.key")).mode & 0o777).toBe(0o600);
    const cw = await t.ctx.clients.forConnection(t.connectionId);
    const info = await cw.system.info();
    expect(info.version).toBeTruthy();
    const rows = await queryRequestLog(t.ctx.store.db, { connectionId: t.connectionId, limit: 10 });
    expect(rows.map((r) => [r.method, r.path.split("?")[0], r.outcome])).toEqual([
      ["GET", "/login/companyinfo/demo", "ok"],
      ["GET", "/system/info", "ok"],
    ]);
    expect(rows[1]?.cwRequestId).toBeTruthy();
    const stored = await t.ctx.store.db
      .selectFrom("connections")
      .select(["codebase", "enabled"])
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ codebase: t.emulator.credentials.codebase, enabled: 1 });
  });

  it("dispatches jobs to handlers and attributes their requests to the job", async () => {
    const seen: string[] = [];
    const handlers: JobHandlers = {
      ping: async (ctx, job) => {
        seen.push(job.id);
        const { connectionId } = job.payload as { connectionId: string };
        await (await ctx.clients.forConnection(connectionId)).system.info();
      },
    };
    t = await createTestApp({ dialect, handlers });
    await t.engine.start({ concurrency: 2, pollMs: 20 });
    const jobId = await t.ctx.queue.enqueue({
      kind: "ping",
      payload: { connectionId: t.connectionId },
    });
    await t.ctx.queue.drain({ timeoutMs: 10_000 });
    expect(seen).toEqual([jobId]);
    const rows = await queryRequestLog(t.ctx.store.db, { connectionId: t.connectionId, limit: 10 });
    expect(rows.filter((r) => r.path === "/system/info").map((r) => r.jobId)).toEqual([jobId]);
  });

  it("refuses writes while the connection is disabled, before sending", async () => {
    t = await createTestApp({ dialect, enabled: false });
    const cw = await t.ctx.clients.forConnection(t.connectionId);
    await expect(
      cw.request("POST", "/company/companies", { body: { identifier: "X", name: "X" } }),
    ).rejects.toMatchObject({ code: "CWB_ERR_CONNECTION_DISABLED" });
    expect(t.emulator.ledger.requests().filter((r) => r.method !== "GET")).toEqual([]);
    const rows = await queryRequestLog(t.ctx.store.db, { connectionId: t.connectionId, limit: 10 });
    expect(rows.at(-1)).toMatchObject({
      method: "POST",
      path: "/company/companies",
      outcome: "planned",
      errorCode: "CWB_ERR_CONNECTION_DISABLED",
    });
    // reads (and read-only searches) still work
    await cw.system.info();
  });
});

describe("openApp with graphile-worker (PostgreSQL)", () => {
  it("dispatches jobs through graphile-worker", async () => {
    const seen: string[] = [];
    const t = await createTestApp({
      dialect: "postgres",
      env: { CWBRIDGE_QUEUE: "graphile" },
      handlers: {
        ping: async (ctx, job) => {
          seen.push(job.id);
          await (await ctx.clients.forConnection((job.payload as { id: string }).id)).system.info();
        },
      },
    });
    try {
      await t.engine.start({ concurrency: 1 });
      const jobId = await t.ctx.queue.enqueue({ kind: "ping", payload: { id: t.connectionId } });
      await t.ctx.queue.drain({ timeoutMs: 15_000 });
      expect(seen).toEqual([jobId]);
      const rows = await queryRequestLog(t.ctx.store.db, {
        connectionId: t.connectionId,
        limit: 5,
      });
      expect(rows.at(-1)).toMatchObject({ path: "/system/info", jobId });
    } finally {
      await t.close();
    }
  });
});

describe("openApp configuration", () => {
  it("rejects the graphile queue on SQLite with a clear error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cwb-engine-config-"));
    try {
      const config = loadConfig({
        env: { CWBRIDGE_QUEUE: "graphile", CWBRIDGE_LOG_LEVEL: "silent" },
        cwd: dir,
      });
      await expect(openApp({ config })).rejects.toMatchObject({
        code: "CWB_ERR_ENGINE_QUEUE_CONFIG",
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
