import { afterEach, describe, expect, it } from "vitest";
import { openPeerApp } from "../app/testing/peer-app.js";
import { createTestApp, type TestApp } from "../app/testing/test-app.js";
import { DEMO_KEYS } from "@cwbridge/connectwise-emulator";
import { updateConnection } from "../features/connections/index.js";
import { rotateKeys } from "../features/keys/index.js";
import { queryRequestLog } from "../store/request-log.js";

describe("client provider", () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function events(): Promise<Awaited<ReturnType<typeof queryRequestLog>>> {
    if (t === undefined) throw new Error("no engine");
    return queryRequestLog(t.ctx.store.db, { connectionId: t.connectionId, limit: 100 });
  }

  it("logs each attempt: retries, then the final error", async () => {
    t = await createTestApp();
    const cw = await t.ctx.clients.forConnection(t.connectionId);
    await cw.system.info();
    t.emulator.setFaults({ serverTimeout: { probability: 1 } });
    await expect(cw.system.info()).rejects.toMatchObject({ code: "CW_SERVER" });
    const rows = (await events()).slice(2);
    expect(rows.map((r) => [r.attempt, r.outcome, r.status])).toEqual([
      [1, "retry", 500],
      [2, "retry", 500],
      [3, "retry", 500],
      [4, "retry", 500],
      [5, "error", 500],
    ]);
  });

  it("logs an ambiguous write as outcome_unknown (never retried)", async () => {
    t = await createTestApp();
    const ticket = t.emulator.table("tickets")[0];
    const cw = await t.ctx.clients.forConnection(t.connectionId);
    await cw.system.info();
    t.emulator.setFaults({ commitThenTimeout: { probability: 1 } });
    await expect(
      cw.request("POST", `/service/tickets/${ticket?.id ?? 0}/notes`, {
        body: { text: "hello", internalAnalysisFlag: true },
      }),
    ).rejects.toMatchObject({ code: "CW_OUTCOME_UNKNOWN" });
    const last = (await events()).at(-1);
    expect(last).toMatchObject({ method: "POST", attempt: 1, outcome: "outcome_unknown" });
    expect(t.emulator.ledger.requests().filter((r) => r.method === "POST")).toHaveLength(1);
  });

  it("attributes requests to an explicit job id", async () => {
    t = await createTestApp();
    const cw = await t.ctx.clients.forConnection(t.connectionId, { jobId: "job-7" });
    await cw.system.info();
    expect((await events()).at(-1)).toMatchObject({ path: "/system/info", jobId: "job-7" });
  });

  it("reloads the key file when another process rotated the keys", async () => {
    t = await createTestApp();
    const other = await openPeerApp(t);
    try {
      await rotateKeys(other.ctx);
    } finally {
      await other.close();
    }
    t.ctx.clients.invalidate(t.connectionId);
    const cw = await t.ctx.clients.forConnection(t.connectionId);
    expect((await cw.system.myMember()).identifier).toBe("cwbridge");
  });

  it("keeps the cached client while the row is unchanged, rebuilds it when another process changes the keys", async () => {
    t = await createTestApp();
    const first = await t.ctx.clients.forConnection(t.connectionId);
    expect(await t.ctx.clients.forConnection(t.connectionId)).toBe(first);
    expect((await first.system.myMember()).identifier).toBe("cwbridge");
    const other = await openPeerApp(t);
    try {
      await updateConnection(other.ctx, t.connectionId, {
        publicKey: DEMO_KEYS.limited.publicKey,
        privateKey: DEMO_KEYS.limited.privateKey,
      });
    } finally {
      await other.close();
    }
    const after = await t.ctx.clients.forConnection(t.connectionId);
    expect(after).not.toBe(first);
    expect((await after.system.myMember()).identifier).toBe("limited-api");
    expect(await t.ctx.clients.forConnection(t.connectionId)).toBe(after);
  });
});
