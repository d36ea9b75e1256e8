import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { listMappings, mapCustomer } from "../customers/index.js";
import { pushDevices } from "./push-devices.js";
import { approveDeactivations } from "./run-sync.js";
import { getSyncReport } from "./sync-report.js";
import { createSyncFixture, makeDevices, type SyncFixture } from "./testing/sync-fixture.js";

type Row = Record<string, unknown> & { id: number };
const companyOf = (c: Row) => (c["company"] as { id: number }).id;
const ours = (f: SyncFixture): Row[] =>
  f.t.emulator
    .table("configurations")
    .filter(
      (c) => typeof c["deviceIdentifier"] === "string" && c["deviceIdentifier"].startsWith("cwb:"),
    );
const posts = (f: SyncFixture) =>
  f.requests().filter((r) => r.method === "POST" && r.path === "/company/configurations");
const patches = (f: SyncFixture) =>
  f.requests().filter((r) => r.method === "PATCH" && r.path.startsWith("/company/configurations/"));
const deletes = (f: SyncFixture) => f.requests().filter((r) => r.method === "DELETE");

/** Fields whose value changed in each configuration update (ledger oracle). */
function changedFields(f: SyncFixture): string[][] {
  return f.t.emulator.ledger
    .changes()
    .filter((c) => c.table === "configurations" && c.op === "update")
    .map((c) => {
      const before: Record<string, unknown> = c.before ?? {};
      const after: Record<string, unknown> = c.after ?? {};
      return Object.keys(after)
        .filter((k) => k !== "_info" && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
        .sort();
    });
}

describe.each(TEST_DIALECTS)("device sync (%s)", (dialect) => {
  let f: SyncFixture;
  const fifty = () => [...makeDevices(25, "acme"), ...makeDevices(25, "globex")];
  beforeEach(async () => {
    f = await createSyncFixture(dialect);
  });
  afterEach(async () => {
    await f.close();
  });

  it("creates 50 configurations once, types on demand, then 0 requests when unchanged", async () => {
    const devices = [
      ...makeDevices(25, "acme"),
      ...makeDevices(25, "globex", (i) => (i <= 5 ? { type: "Managed Laptop" } : {})),
    ];
    await pushDevices(f.t.ctx, f.sourceId, devices, { mode: "snapshot" });
    await f.drain();
    const created = ours(f);
    expect(created).toHaveLength(50);
    expect(created.filter((c) => companyOf(c) === f.companyId("AcmeCorp"))).toHaveLength(25);
    expect(created.filter((c) => companyOf(c) === f.companyId("Globex"))).toHaveLength(25);
    const typeName = (c: Row) => (c["type"] as { name?: string }).name;
    expect(created.filter((c) => typeName(c) === "Managed Laptop")).toHaveLength(5);
    expect(created.filter((c) => typeName(c) === "Managed Workstation")).toHaveLength(45);
    const typePosts = f
      .requests()
      .filter((r) => r.method === "POST" && r.path === "/company/configurations/types");
    expect(typePosts).toHaveLength(1);
    expect(posts(f)).toHaveLength(50);
    // cold sync: creates + one adoption read for both companies + type lookups
    expect(f.requests().length).toBeLessThanOrEqual(50 + 1 + 1 + 3);
    const mappings = await listMappings(f.t.ctx, f.sourceId);
    expect(mappings.find((m) => m.customerId === "acme")?.syncStatus).toBe("Synced");

    f.clearLedger();
    await pushDevices(f.t.ctx, f.sourceId, devices, { mode: "snapshot" });
    await f.drain();
    expect(f.requests()).toHaveLength(0);
  });

  it("PATCHes only the changed fields of 3 changed devices", async () => {
    const devices = fifty();
    await pushDevices(f.t.ctx, f.sourceId, devices, { mode: "snapshot" });
    await f.drain();
    f.clearLedger();
    const changed = devices.map((d, i) => (i < 3 ? { ...d, osType: "Windows 12 Pro" } : d));
    await pushDevices(f.t.ctx, f.sourceId, changed, { mode: "snapshot" });
    await f.drain();
    expect(f.requests().filter((r) => r.method !== "GET")).toHaveLength(3);
    expect(patches(f)).toHaveLength(3);
    expect(changedFields(f)).toEqual([["osType"], ["osType"], ["osType"]]);
  });

  it("deactivates 2 devices missing from a snapshot, never deletes", async () => {
    const devices = fifty();
    await pushDevices(f.t.ctx, f.sourceId, devices, { mode: "snapshot" });
    await f.drain();
    f.clearLedger();
    await pushDevices(f.t.ctx, f.sourceId, devices.slice(2), { mode: "snapshot" });
    await f.drain();
    expect(deletes(f)).toHaveLength(0);
    expect(patches(f)).toHaveLength(2);
    const inactive = ours(f).filter((c) => c["activeFlag"] === false);
    expect(inactive.map((c) => c["deviceIdentifier"]).sort()).toEqual(
      [`cwb:${f.sourceId}:acme-1`, `cwb:${f.sourceId}:acme-2`].sort(),
    );
    expect(inactive.every((c) => (c["status"] as { name?: string }).name === "Inactive")).toBe(
      true,
    );
    expect(ours(f)).toHaveLength(50);
  });

  it("blocks a snapshot that would deactivate 40 of 50 and says why", async () => {
    const devices = makeDevices(50, "acme");
    await pushDevices(f.t.ctx, f.sourceId, devices, { mode: "snapshot" });
    await f.drain();
    f.clearLedger();
    await pushDevices(f.t.ctx, f.sourceId, devices.slice(40), { mode: "snapshot" });
    await f.drain();
    expect(f.requests().filter((r) => r.method !== "GET")).toHaveLength(0);
    expect(ours(f).every((c) => c["activeFlag"] === true)).toBe(true);
    const [report] = await getSyncReport(f.t.ctx, f.sourceId, f.companyId("AcmeCorp"));
    expect(report?.blocked).toMatchObject({ wouldDeactivate: 40, total: 50 });
    expect(report?.message).toMatch(/mass-deactivation guard: 40 of 50/);
    const acme = (await listMappings(f.t.ctx, f.sourceId)).find((m) => m.customerId === "acme");
    expect(acme?.syncStatus).toBe("Error");
    expect(acme?.lastError).toMatch(/mass-deactivation guard/);

    await approveDeactivations(f.t.ctx, f.sourceId, f.companyId("AcmeCorp"));
    await f.drain();
    expect(ours(f).filter((c) => c["activeFlag"] === false)).toHaveLength(40);
    expect(deletes(f)).toHaveLength(0);
    const after = (await listMappings(f.t.ctx, f.sourceId)).find((m) => m.customerId === "acme");
    expect(after?.syncStatus).toBe("Synced");
  });

  it("moves a device to another customer's company with one PATCH", async () => {
    const devices = fifty();
    await pushDevices(f.t.ctx, f.sourceId, devices, { mode: "snapshot" });
    await f.drain();
    expect(ours(f)).toHaveLength(50);
    f.clearLedger();
    const moved = devices.map((d) =>
      d.externalId === "acme-7" ? { ...d, customerId: "globex" } : d,
    );
    await pushDevices(f.t.ctx, f.sourceId, moved, { mode: "snapshot" });
    await f.drain();
    expect(f.requests().filter((r) => r.method !== "GET")).toHaveLength(1);
    const config = ours(f).find((c) => c["deviceIdentifier"] === `cwb:${f.sourceId}:acme-7`);
    expect(config && companyOf(config)).toBe(f.companyId("Globex"));
    expect(ours(f)).toHaveLength(50);
  });

  it("adopts existing configurations by serial / device id (no duplicate, no POST for them)", async () => {
    const devices = [
      {
        externalId: "x-1",
        customerId: "acme",
        name: "ACME-WS-001",
        type: "Managed Workstation",
        serialNumber: "5CG1234ABC",
        osType: "Windows 11 Pro",
      },
      {
        externalId: "x-2",
        customerId: "acme",
        name: "acme-srv-01",
        type: "Managed Server",
        serialNumber: "CZJ9876XYZ",
      },
      { externalId: "x-3", customerId: "acme", name: "NEW-PC", type: "Managed Workstation" },
    ];
    const before = f.t.emulator.table("configurations").length;
    await pushDevices(f.t.ctx, f.sourceId, devices, { mode: "delta" });
    await f.drain();
    expect(posts(f)).toHaveLength(1);
    expect(f.t.emulator.table("configurations")).toHaveLength(before + 1);
    const ws = f.t.emulator
      .table("configurations")
      .filter((c) => c["serialNumber"] === "5CG1234ABC");
    expect(ws).toHaveLength(1);
    expect(ws[0]?.["deviceIdentifier"]).toBe(`cwb:${f.sourceId}:x-1`);
    // adopted: only differing fields were written (device key; name case; nothing else)
    for (const fields of changedFields(f))
      expect(fields.every((x) => ["deviceIdentifier", "name"].includes(x))).toBe(true);
  });

  it("manual mapping to a company with a site moves nothing until devices exist, then syncs there", async () => {
    await mapCustomer(f.t.ctx, f.sourceId, "initech", { companyIdentifier: "Initech" });
    await pushDevices(f.t.ctx, f.sourceId, makeDevices(2, "initech"), { mode: "delta" });
    await f.drain();
    expect(ours(f).filter((c) => companyOf(c) === f.companyId("Initech"))).toHaveLength(2);
  });
});
