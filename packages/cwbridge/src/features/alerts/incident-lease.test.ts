import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_TENANT } from "../../core/tenant.js";
import { migrateToLatest } from "../../store/migrate.js";
import { currentOwner, type RequestOwner } from "../../store/request-log-owner.js";
import { deadPid } from "../../store/testing/dead-pid.js";
import { tenantScope } from "../../store/tenant-scope.js";
import { openTestStore, TEST_DIALECTS, type TestStore } from "../../store/testing/test-stores.js";
import {
  acquireIncidentLease,
  holdIncidentLease,
  isLeaseFree,
  LEASE_TTL_MS,
  releaseIncidentLease,
  type LeaseClaim,
  type StoredLease,
} from "./incident-lease.js";

const NOW = 1_000_000;
const self: RequestOwner = { host: "h1/boot/pid:[1]", pid: 100 };
const claim = (alive: readonly number[], owner = "job:2"): LeaseClaim => ({
  owner,
  self,
  isPidAlive: (pid) => alive.includes(pid),
});
const lease = (overrides: Partial<StoredLease>): StoredLease => ({
  owner: "job:1",
  until: NOW + LEASE_TTL_MS,
  host: self.host,
  pid: 200,
  ...overrides,
});

describe("isLeaseFree", () => {
  it("takes over at once a lease whose owner on this host key is gone", () => {
    expect(isLeaseFree(lease({}), claim([]), NOW)).toBe(true);
    expect(isLeaseFree(lease({}), claim([200]), NOW)).toBe(false);
  });

  it("never judges another host key, an unknown pid or this process by pid", () => {
    expect(isLeaseFree(lease({ host: "h2/boot/pid:[1]" }), claim([]), NOW)).toBe(false);
    expect(isLeaseFree(lease({ host: undefined, pid: undefined }), claim([]), NOW)).toBe(false);
    expect(isLeaseFree(lease({ pid: self.pid }), claim([]), NOW)).toBe(false);
  });

  it("takes over any lease whose heartbeat stopped (until passed)", () => {
    const other = lease({ host: "h2/boot/pid:[1]", until: NOW });
    expect(isLeaseFree(other, claim([]), NOW - 1)).toBe(false);
    expect(isLeaseFree(other, claim([]), NOW)).toBe(true);
    expect(isLeaseFree(undefined, claim([]), NOW)).toBe(true);
  });

  it("gives the same job its lease back in the same process (or a legacy lease without owner process)", () => {
    expect(isLeaseFree(lease({ owner: "job:2", pid: self.pid }), claim([self.pid]), NOW)).toBe(
      true,
    );
    expect(isLeaseFree(lease({ owner: "job:2", host: undefined }), claim([]), NOW)).toBe(true);
    const elsewhere = lease({ owner: "job:2", host: "h2/boot/pid:[1]" });
    expect(isLeaseFree(elsewhere, claim([]), NOW)).toBe(false);
  });
});

describe.each(TEST_DIALECTS)("incident lease in the store (%s)", (dialect) => {
  let t: TestStore;
  const log = pino({ level: "silent" });
  beforeEach(async () => {
    t = await openTestStore(dialect);
    await migrateToLatest(t.store);
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const write = async (value: StoredLease): Promise<void> => {
    await t.store.db
      .insertInto("kv")
      .values({ tenant: "default", key: "alerts:lease:k1", value: JSON.stringify(value) })
      .execute();
  };

  it("records its owner process; a dead same-host owner's lease is taken at once, a live one's is not", async () => {
    await write({ owner: "job:dead", until: Date.now() + 600_000, ...owner(deadPid()) });
    expect(
      await acquireIncidentLease(tenantScope(t.store, DEFAULT_TENANT), "k1", "job:new", Date.now()),
    ).toBe(true);
    const row = await t.store.db.selectFrom("kv").select("value").executeTakeFirstOrThrow();
    expect(JSON.parse(row.value)).toMatchObject({ owner: "job:new", ...currentOwner() });
    await t.store.db.deleteFrom("kv").execute();
    await write({ owner: "job:alive", until: Date.now() + 600_000, ...owner(process.ppid) });
    expect(
      await acquireIncidentLease(tenantScope(t.store, DEFAULT_TENANT), "k1", "job:new", Date.now()),
    ).toBe(false);
  });

  it("the heartbeat keeps a held lease; once it stops the lease runs out within its TTL", async () => {
    const ctx = {
      scope: tenantScope(t.store, DEFAULT_TENANT),
      log,
      clock: { now: () => new Date() },
    };
    const timing = { ttlMs: 400, renewMs: 100 };
    const held = await holdIncidentLease(ctx, "k1", "job:a", timing);
    expect(held).toBeDefined();
    await sleep(700);
    expect(held?.lost()).toBe(false);
    // Past its first TTL: only the heartbeat keeps another job from taking it.
    expect(
      await acquireIncidentLease(tenantScope(t.store, DEFAULT_TENANT), "k1", "job:b", Date.now()),
    ).toBe(false);
    await held?.release();
    expect(
      await acquireIncidentLease(
        tenantScope(t.store, DEFAULT_TENANT),
        "k1",
        "job:b",
        Date.now(),
        400,
      ),
    ).toBe(true);
    // job:b never renews: after its TTL anyone takes it.
    await releaseIncidentLease(tenantScope(t.store, DEFAULT_TENANT), "k1", "job:other");
    expect(
      await acquireIncidentLease(tenantScope(t.store, DEFAULT_TENANT), "k1", "job:c", Date.now()),
    ).toBe(false);
    expect(
      await acquireIncidentLease(
        tenantScope(t.store, DEFAULT_TENANT),
        "k1",
        "job:c",
        Date.now() + 401,
      ),
    ).toBe(true);
  });

  it("a holder whose lease was taken over knows it lost it", async () => {
    const ctx = {
      scope: tenantScope(t.store, DEFAULT_TENANT),
      log,
      clock: { now: () => new Date() },
    };
    const held = await holdIncidentLease(ctx, "k1", "job:a", { ttlMs: 150, renewMs: 1_000 });
    expect(
      await acquireIncidentLease(
        tenantScope(t.store, DEFAULT_TENANT),
        "k1",
        "job:b",
        Date.now() + 200,
      ),
    ).toBe(true);
    await sleep(200);
    expect(held?.lost()).toBe(true);
    await held?.release();
    const row = await t.store.db.selectFrom("kv").select("value").executeTakeFirstOrThrow();
    expect(JSON.parse(row.value)).toMatchObject({ owner: "job:b" });
  });
});

function owner(pid: number): { host: string; pid: number } {
  return { host: currentOwner().host, pid };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
