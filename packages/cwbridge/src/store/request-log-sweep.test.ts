import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { migrateToLatest } from "./migrate.js";
import { beginRequestLog, queryRequestLog } from "./request-log.js";
import { currentOwner, isPidAlive, type RequestOwner } from "./request-log-owner.js";
import {
  ENGINE_STOPPED_CODE,
  isAbandoned,
  sweepAbandonedRequests,
  type InFlightRow,
  type SweepPolicy,
} from "./request-log-sweep.js";
import { openTestStore, TEST_DIALECTS, type TestStore } from "./testing/test-stores.js";
import { deadPid } from "./testing/dead-pid.js";

const NOW = new Date("2026-03-01T12:00:00.000Z");
const STALE_MS = 420_000;
const self: RequestOwner = { host: "h1/boot/pid:[1]", pid: 100 };

function policy(alive: readonly number[]): SweepPolicy {
  return { now: NOW, staleAfterMs: STALE_MS, self, isPidAlive: (pid) => alive.includes(pid) };
}

function row(overrides: Partial<InFlightRow>): InFlightRow {
  const at = new Date(NOW.getTime() - 1_000).toISOString();
  return { id: 1, at, ownerHost: self.host, ownerPid: 200, ...overrides };
}

describe("isAbandoned", () => {
  it("sweeps a young row at once when its owner on this host key is gone", () => {
    expect(isAbandoned(row({ ownerPid: 200 }), policy([]))).toBe(true);
    expect(isAbandoned(row({ ownerPid: 200 }), policy([200]))).toBe(false);
  });

  it("never judges this process, another host key or an unknown owner by pid", () => {
    expect(isAbandoned(row({ ownerPid: self.pid }), policy([]))).toBe(false);
    expect(isAbandoned(row({ ownerHost: "h2/boot/pid:[9]" }), policy([]))).toBe(false);
    expect(isAbandoned(row({ ownerHost: null, ownerPid: null }), policy([]))).toBe(false);
  });

  it("sweeps any row older than the longest attempt timeout + margin, whoever owns it", () => {
    const old = new Date(NOW.getTime() - STALE_MS).toISOString();
    expect(isAbandoned(row({ at: old, ownerHost: "h2", ownerPid: 1 }), policy([1]))).toBe(true);
    expect(isAbandoned(row({ at: old, ownerPid: self.pid }), policy([]))).toBe(true);
    const young = new Date(NOW.getTime() - STALE_MS + 1).toISOString();
    expect(isAbandoned(row({ at: young, ownerHost: "h2", ownerPid: 1 }), policy([1]))).toBe(false);
  });
});

describe("isPidAlive", () => {
  it("tells this process from one that exited", () => {
    expect(isPidAlive(process.pid)).toBe(true);
    expect(isPidAlive(deadPid())).toBe(false);
  });
});

describe.each(TEST_DIALECTS)("abandoned-request sweep on %s", (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
    await migrateToLatest(t.store);
  });
  afterAll(async () => {
    await t.cleanup();
  });
  beforeEach(async () => {
    await t.store.db.deleteFrom("request_log").execute();
  });

  const begin = (path: string, owner: RequestOwner, at = new Date()) =>
    beginRequestLog(t.store.db, {
      at: at.toISOString(),
      connectionId: "conn-a",
      method: "POST",
      path,
      attempt: 1,
      jobId: null,
      owner,
    });

  it("settles only the rows of dead or long-gone owners; live owners keep theirs", async () => {
    const here = currentOwner();
    await begin("/dead", { host: here.host, pid: deadPid() });
    await begin("/mine", here);
    await begin("/live-sibling", { host: here.host, pid: process.ppid });
    await begin("/other-host", { host: "elsewhere", pid: 1 });
    const ancient = new Date(Date.now() - 3_600_000);
    await begin("/other-host-ancient", { host: "elsewhere", pid: 1 }, ancient);
    const live = { now: new Date(), staleAfterMs: STALE_MS, self: here, isPidAlive };
    expect(await sweepAbandonedRequests(t.store.db, live)).toBe(2);
    const rows = await queryRequestLog(t.store.db, { limit: 10 });
    expect(rows.map((r) => [r.path, r.outcome, r.errorCode])).toEqual([
      ["/dead", "outcome_unknown", ENGINE_STOPPED_CODE],
      ["/mine", "sending", null],
      ["/live-sibling", "sending", null],
      ["/other-host", "sending", null],
      ["/other-host-ancient", "outcome_unknown", ENGINE_STOPPED_CODE],
    ]);
    expect(await sweepAbandonedRequests(t.store.db, live)).toBe(0);
  });

  it("leaves finished rows alone", async () => {
    const id = await begin("/done", { host: currentOwner().host, pid: deadPid() });
    await t.store.db
      .updateTable("request_log")
      .set({ outcome: "ok" })
      .where("id", "=", id)
      .execute();
    const policyNow = { now: new Date(), staleAfterMs: 0, self: currentOwner(), isPidAlive };
    expect(await sweepAbandonedRequests(t.store.db, policyNow)).toBe(0);
    expect((await queryRequestLog(t.store.db, { limit: 1 }))[0]?.outcome).toBe("ok");
  });
});
