import { describe, expect, it } from "vitest";
import { isDeadPool, type DeadPoolPolicy, type RegisteredPool } from "./graphile-dead-workers.js";

const self = { host: "host-a/boot/pid:[1]", pid: 100 };
const alive = new Set([100, 200]);
const policy: DeadPoolPolicy = {
  staleAfterMs: 300_000,
  self,
  isPidAlive: (pid) => alive.has(pid),
};
const pool = (over: Partial<RegisteredPool>): RegisteredPool => ({
  workerId: "pool-x",
  ownerHost: self.host,
  ownerPid: 200,
  heartbeatAgeMs: 1_000,
  ...over,
});

describe("isDeadPool", () => {
  it("a pool of a gone process on this host is dead at once", () => {
    expect(isDeadPool(pool({ ownerPid: 300 }), policy)).toBe(true);
  });

  it("a pool of a live process on this host, or of this process, is alive while it beats", () => {
    expect(isDeadPool(pool({ ownerPid: 200 }), policy)).toBe(false);
    expect(isDeadPool(pool({ ownerPid: 100 }), policy)).toBe(false);
  });

  it("a pool of another host is judged by its heartbeat only", () => {
    const other = { ownerHost: "host-b/boot/pid:[1]", ownerPid: 300 };
    expect(isDeadPool(pool({ ...other, heartbeatAgeMs: 299_999 }), policy)).toBe(false);
    expect(isDeadPool(pool({ ...other, heartbeatAgeMs: 300_000 }), policy)).toBe(true);
  });

  it("any pool whose heartbeat is stale is dead (reused pids, stalls)", () => {
    expect(isDeadPool(pool({ ownerPid: 200, heartbeatAgeMs: 400_000 }), policy)).toBe(true);
    expect(isDeadPool(pool({ heartbeatAgeMs: Number.NaN }), policy)).toBe(true);
  });
});
