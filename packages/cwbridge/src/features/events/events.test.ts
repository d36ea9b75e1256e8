import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../app/testing/test-app.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { followEvents, pruneEvents, queryEvents, type EventRow } from "./index.js";

describe.each(TEST_DIALECTS)("events on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ dialect });
    const cw = await t.ctx.clients.forConnection(t.connectionId);
    await cw.system.info();
    await cw.request("GET", "/service/tickets/999999").catch(() => undefined);
  });
  afterAll(() => t.close());

  it("matches the emulator's ledger and filters by status, outcome and connection", async () => {
    const all = await queryEvents(t.ctx, { connectionId: t.connectionId });
    const apiEvents = all.filter((e) => !e.path.startsWith("/login/"));
    const ledger = t.emulator.ledger.requests().filter((r) => !r.path.startsWith("/login/"));
    expect(apiEvents.map((e) => [e.method, e.status, e.cwRequestId])).toEqual(
      ledger.map((r) => [r.method, r.status, r.requestId]),
    );
    const notFound = await queryEvents(t.ctx, { status: 404 });
    expect(notFound.length).toBeGreaterThan(0);
    expect(notFound.every((e) => e.outcome === "error" && e.errorCode === "CW_NOT_FOUND")).toBe(
      true,
    );
    expect(await queryEvents(t.ctx, { connectionId: "nope" })).toEqual([]);
    expect((await queryEvents(t.ctx, { limit: 1 })).length).toBe(1);
  });

  it("rejects bad queries with a clear error", async () => {
    await expect(queryEvents(t.ctx, { limit: 0 })).rejects.toMatchObject({
      code: "CWB_ERR_EVENTS_INVALID",
    });
    await expect(queryEvents(t.ctx, { bogus: 1 } as never)).rejects.toMatchObject({
      code: "CWB_ERR_EVENTS_INVALID",
    });
  });

  it("follows new events by id until aborted", async () => {
    const seen: EventRow[] = [];
    const ac = new AbortController();
    const following = followEvents(
      t.ctx,
      { pollMs: 10 },
      (row) => {
        seen.push(row);
        if (seen.length === 2) ac.abort();
      },
      ac.signal,
    );
    await new Promise((r) => setTimeout(r, 30));
    const cw = await t.ctx.clients.forConnection(t.connectionId);
    await cw.system.info();
    await cw.system.myMember();
    await following;
    expect(seen.map((e) => e.path)).toEqual(["/system/info", "/system/myMembers"]);
  });

  it("follows an in-flight request once, when it completes; outcome filters the final row", async () => {
    const all: EventRow[] = [];
    const oks: EventRow[] = [];
    const ac = new AbortController();
    const cursor = (await queryEvents(t.ctx, { limit: 1 }))[0]?.id ?? 0;
    const follow = (into: EventRow[], outcome?: "ok") =>
      followEvents(
        t.ctx,
        { pollMs: 5, sinceId: cursor, ...(outcome === undefined ? {} : { outcome }) },
        (row) => void into.push(row),
        ac.signal,
      );
    const following = Promise.all([follow(all), follow(oks, "ok")]);
    // A list answers after 60 ms per row; the 404 below returns no row and overtakes it.
    t.emulator.setFaults({ latencyPerRowMs: 60 });
    const cw = await t.ctx.clients.forConnection(t.connectionId);
    const slow = cw.request("GET", "/company/companies", { query: { pageSize: 5 } });
    while ((await queryEvents(t.ctx, { sinceId: cursor })).length === 0) {
      await new Promise((r) => setTimeout(r, 5));
    }
    await cw.request("GET", "/service/tickets/999998").catch(() => undefined);
    await slow;
    t.emulator.setFaults({});
    await new Promise((r) => setTimeout(r, 100));
    ac.abort();
    await following;
    expect(all.map((e) => [e.path.split("?")[0], e.outcome])).toEqual([
      ["/service/tickets/999998", "error"],
      ["/company/companies", "ok"],
    ]);
    expect(oks.map((e) => e.path.split("?")[0])).toEqual(["/company/companies"]);
  });

  it("prunes by size, keeping the newest", async () => {
    const before = await queryEvents(t.ctx, { limit: 1000 });
    const deleted = await pruneEvents(t.ctx, { maxRows: 2 });
    expect(deleted).toBe(before.length - 2);
    expect((await queryEvents(t.ctx, { limit: 1000 })).map((e) => e.id)).toEqual(
      before.slice(-2).map((e) => e.id),
    );
  });
});
