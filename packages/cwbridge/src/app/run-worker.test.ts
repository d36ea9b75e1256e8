import { afterEach, describe, expect, it } from "vitest";
import { externalXRef } from "../domain/incident-key.js";
import { seedTenant } from "../features/alerts/testing/alert-fixtures.js";
import { createTestApp, type TestApp } from "./testing/test-app.js";
import { appJobHandlers } from "./features.js";
import { runWorker, startWorker } from "./run-worker.js";

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("startWorker", () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("sweeps an enabled connection at once: a duplicate ticket carrying our key is closed", async () => {
    t = await createTestApp({ handlers: appJobHandlers() });
    const cw = await t.ctx.clients.forConnection(t.connectionId);
    const xref = externalXRef("src=s;alert=a");
    const first = await cw.tickets.create({
      summary: "a",
      company: { id: 250 },
      board: { id: 2 },
      externalXRef: xref,
    });
    const second = await cw.tickets.create({
      summary: "a",
      company: { id: 250 },
      board: { id: 2 },
      externalXRef: xref,
    });

    const swept = await startWorker(t.engine, { concurrency: 2, reconcileEveryMs: 60_000 });

    expect(swept).toEqual(["emulator"]);
    const row = (id: number) => t?.emulator.table("tickets").find((r) => r.id === id);
    await waitFor(() => row(second.id)?.["closedFlag"] === true);
    expect(row(first.id)?.["closedFlag"]).toBe(false);
    // The next sweep is pending, an interval away.
    const stats = await t.ctx.queue.stats();
    expect(stats).toMatchObject({ pending: 1, failed: 0 });
  });

  it("sweeps every tenant's enabled connections, each as a job of its own tenant", async () => {
    t = await createTestApp({ handlers: appJobHandlers() });
    const b = await seedTenant(t, "b");
    const sweeps = () =>
      t?.emulator.ledger
        .requests()
        .filter((r) => r.method === "GET" && r.path.endsWith("/service/tickets")).length ?? 0;

    const swept = await startWorker(t.engine, { concurrency: 2, reconcileEveryMs: 60_000 });

    expect(swept).toEqual(["b/emulator", "emulator"]); // tenants in name order
    await waitFor(() => sweeps() >= 2);
    const next = async () => {
      const jobs = await t?.ctx.queue.listJobs({ status: ["pending"] });
      return new Map(
        (jobs ?? []).map((j) => [(j.payload as { connectionId: string }).connectionId, j.tenant]),
      );
    };
    // Each sweep ran in its tenant (a sweep in the wrong one would fail on the connection)
    // and scheduled its next run there.
    for (let i = 0; i < 200 && (await next()).size < 2; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await next()).toEqual(
      new Map([
        [t.connectionId, "default"],
        [b.connectionId, "b"],
      ]),
    );
    expect(await t.ctx.queue.stats()).toMatchObject({ failed: 0 });
  });

  it("schedules nothing for a disabled connection (nothing is written while disabled)", async () => {
    t = await createTestApp({ handlers: appJobHandlers(), enabled: false });
    const swept = await startWorker(t.engine, { concurrency: 1 });
    expect(swept).toEqual([]);
    expect(await t.ctx.queue.stats()).toMatchObject({ pending: 0 });
  });

  it("restarting sweeps again and keeps one pending sweep per connection", async () => {
    t = await createTestApp({ handlers: appJobHandlers() });
    const sweeps = () =>
      t?.emulator.ledger
        .requests()
        .filter((r) => r.method === "GET" && r.path.endsWith("/service/tickets")).length ?? 0;
    await startWorker(t.engine, { concurrency: 1, reconcileEveryMs: 60_000 });
    await waitFor(() => sweeps() >= 1);
    await t.engine.stop();
    await startWorker(t.engine, { concurrency: 1, reconcileEveryMs: 60_000 });
    await waitFor(() => sweeps() >= 2);
    const settled = async () => {
      const stats = await t?.ctx.queue.stats();
      return stats?.running === 0 && stats.pending === 1;
    };
    for (let i = 0; i < 100 && !(await settled()); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await t.ctx.queue.stats()).toEqual({ pending: 1, running: 0, failed: 0 });
  });

  it("runWorker runs until the signal aborts, then stops the worker and reports the queue", async () => {
    t = await createTestApp({ handlers: appJobHandlers() });
    const controller = new AbortController();
    const events: string[] = [];
    const running = runWorker(t.engine, {
      concurrency: 1,
      reconcileEveryMs: 60_000,
      signal: controller.signal,
      onStarted: (swept) => {
        events.push(`started ${swept.join(",")}`);
        controller.abort();
      },
      onStopping: () => events.push("stopping"),
    });
    const stats = await running;
    expect(events).toEqual(["started emulator", "stopping"]);
    // Stopped: the next sweep stays pending (an interval away) and the app can start again.
    expect(stats).toMatchObject({ running: 0, failed: 0 });
    expect(stats.pending).toBeGreaterThanOrEqual(1);
    await t.engine.start({ concurrency: 1 });
  });
});
