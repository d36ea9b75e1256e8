import { afterEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { emulatorConnectionInput } from "../../app/testing/test-app.js";
import { addConnection, enableConnection } from "../connections/index.js";
import {
  listMappings,
  matchCustomers,
  pushCustomers,
  refreshCompanies,
} from "../customers/index.js";
import { addSource } from "../sources/index.js";
import { DeviceError } from "./errors.js";
import { adoptSource } from "./jobs.js";
import { planSync } from "./plan-sync.js";
import { pushDevices } from "./push-devices.js";
import { resolveAdoption } from "./resolve-adoption.js";
import { DISABLED_MESSAGE, syncPartition } from "./sync-partition.js";
import { createSyncFixture, makeDevices, type SyncFixture } from "./testing/sync-fixture.js";

const ours = (f: SyncFixture) =>
  f.t.emulator
    .table("configurations")
    .filter(
      (c) => typeof c["deviceIdentifier"] === "string" && c["deviceIdentifier"].startsWith("cwb:"),
    );

describe.each(TEST_DIALECTS)("device sync under faults (%s)", (dialect) => {
  let f: SyncFixture;
  afterEach(async () => {
    await f.close();
  });

  it("never re-POSTs after an ambiguous create: searches by device key, one configuration each", async () => {
    f = await createSyncFixture(dialect, { start: false });
    const { ctx, connectionId } = f.t;
    await pushDevices(ctx, f.sourceId, makeDevices(5, "acme"), { mode: "snapshot" });
    await adoptSource(ctx, { sourceId: f.sourceId, connectionId });
    const partition = { sourceId: f.sourceId, connectionId, companyId: f.companyId("AcmeCorp") };

    f.t.emulator.setFaults({ commitThenTimeout: { probability: 1 } });
    await expect(syncPartition(ctx, partition)).rejects.toBeInstanceOf(DeviceError);
    expect(ours(f)).toHaveLength(5); // committed, but the replies were lost
    const flagged = await ctx.store.db
      .selectFrom("devices")
      .select(["outcome_unknown", "cw_config_id", "pushed_hash"])
      .where("source_id", "=", f.sourceId)
      .execute();
    expect(
      flagged.every(
        (d) => d.outcome_unknown === 1 && d.cw_config_id === null && d.pushed_hash === null,
      ),
    ).toBe(true);
    expect(
      (await listMappings(ctx, f.sourceId)).find((m) => m.customerId === "acme")?.syncStatus,
    ).toBe("Error");

    f.t.emulator.setFaults({});
    f.clearLedger();
    const report = await syncPartition(ctx, partition);
    expect(f.requests().filter((r) => r.method === "POST")).toHaveLength(0);
    expect(ours(f)).toHaveLength(5);
    expect(report.outcome).toBe("synced");
    // a third run writes nothing
    f.clearLedger();
    await syncPartition(ctx, partition);
    expect(f.requests().filter((r) => r.method !== "GET")).toHaveLength(0);
  });

  it("converges after a crash between the creates and their recorded state (no duplicates)", async () => {
    f = await createSyncFixture(dialect, { start: false });
    const { ctx, connectionId } = f.t;
    const devices = makeDevices(5, "acme");
    await pushDevices(ctx, f.sourceId, devices.slice(0, 3), { mode: "delta" });
    await adoptSource(ctx, { sourceId: f.sourceId, connectionId });
    const partition = { sourceId: f.sourceId, connectionId, companyId: f.companyId("AcmeCorp") };
    await syncPartition(ctx, partition);
    expect(ours(f)).toHaveLength(3);
    // Crash image: 5 creates marked outcome-unknown before sending; 3 went out, 2 never did,
    // and the process died before any of their state was recorded.
    await pushDevices(ctx, f.sourceId, devices.slice(3), { mode: "delta" });
    await ctx.store.db
      .updateTable("devices")
      .set({
        cw_config_id: null,
        cw_company_id: null,
        pushed_hash: null,
        pushed_json: null,
        outcome_unknown: 1,
      })
      .execute();
    f.clearLedger();
    await syncPartition(ctx, partition);
    const sent = f.requests().filter((r) => r.method !== "GET");
    expect(sent.map((r) => r.method)).toEqual(["POST", "POST"]);
    expect(ours(f)).toHaveLength(5);
    expect(new Set(ours(f).map((c) => c["deviceIdentifier"])).size).toBe(5);
    f.clearLedger();
    await syncPartition(ctx, partition);
    expect(f.requests()).toHaveLength(0);
  });

  it("holds an ambiguous adoption for a human, then links the chosen configuration", async () => {
    f = await createSyncFixture(dialect, { start: false });
    const { ctx, connectionId } = f.t;
    const acme = f.companyId("AcmeCorp");
    const cw = await ctx.clients.forConnection(connectionId);
    const twin = await cw.configurations.create({
      name: "ACME-WS-001",
      type: { id: 1 },
      company: { id: acme },
    });
    const original = f.t.emulator
      .table("configurations")
      .find((c) => c["name"] === "ACME-WS-001" && c.id !== twin.id);
    const device = {
      externalId: "amb-1",
      customerId: "acme",
      name: "acme-ws-001",
      type: "Managed Workstation",
    };
    await pushDevices(ctx, f.sourceId, [device], { mode: "delta" });
    await adoptSource(ctx, { sourceId: f.sourceId, connectionId });
    const partition = { sourceId: f.sourceId, connectionId, companyId: acme };
    f.clearLedger();
    const report = await syncPartition(ctx, partition);
    expect(report).toMatchObject({ held: 1, created: 0 });
    expect(f.requests().filter((r) => r.method !== "GET")).toHaveLength(0);

    await expect(
      resolveAdoption(ctx, f.sourceId, "amb-1", { configId: 999_999 }),
    ).rejects.toBeInstanceOf(DeviceError);
    await resolveAdoption(ctx, f.sourceId, "amb-1", { configId: original?.id ?? 0 });
    await syncPartition(ctx, partition);
    expect(f.requests().filter((r) => r.method === "POST")).toHaveLength(0);
    const linked = f.t.emulator.table("configurations").find((c) => c.id === original?.id);
    expect(linked?.["deviceIdentifier"]).toBe(`cwb:${f.sourceId}:amb-1`);
  });

  it("reports a permission failure (type not creatable) on the mapping without retrying", async () => {
    f = await createSyncFixture(dialect, { start: false });
    const { ctx, emulator } = f.t;
    const limited = await addConnection(
      ctx,
      emulatorConnectionInput(emulator, { name: "limited", member: "limited-api" }),
    );
    await enableConnection(ctx, limited.id);
    const { source } = await addSource(ctx, { name: "limited-rmm", connectionId: limited.id });
    await pushCustomers(ctx, source.id, [{ id: "acme", name: "Acme", identifier: "AcmeCorp" }]);
    await refreshCompanies(ctx, limited.id);
    await matchCustomers(ctx, source.id);
    await pushDevices(
      ctx,
      source.id,
      makeDevices(2, "acme", () => ({ type: "Brand New Type" })),
      { mode: "delta" },
    );
    await adoptSource(ctx, { sourceId: source.id, connectionId: limited.id });
    const report = await syncPartition(ctx, {
      sourceId: source.id,
      connectionId: limited.id,
      companyId: f.companyId("AcmeCorp"),
    });
    expect(report.outcome).toBe("error");
    expect(report.message).toMatch(/CW_PERMISSION 403/);
    const mapping = (await listMappings(ctx, source.id))[0];
    expect(mapping).toMatchObject({ syncStatus: "Error" });
    expect(ours(f)).toHaveLength(0);
  });

  it("writes nothing while the connection is disabled; the plan shows the writes", async () => {
    f = await createSyncFixture(dialect, { enabled: false });
    await pushDevices(f.t.ctx, f.sourceId, makeDevices(4, "acme"), { mode: "snapshot" });
    await f.drain();
    expect(f.requests().filter((r) => r.method !== "GET")).toHaveLength(0);
    expect(ours(f)).toHaveLength(0);
    const acme = (await listMappings(f.t.ctx, f.sourceId)).find((m) => m.customerId === "acme");
    expect(acme?.lastError).toBe(DISABLED_MESSAGE);

    f.clearLedger();
    const plan = await planSync(f.t.ctx, { sourceId: f.sourceId });
    expect(f.requests().filter((r) => r.method !== "GET")).toHaveLength(0);
    const part = plan.partitions.find((p) => p.companyId === f.companyId("AcmeCorp"));
    expect(part?.creates).toBe(4);
    expect(part?.changes[0]?.action).toBe("create");
    expect(part?.changes[0]?.fields.map((x) => x.field)).toContain("deviceIdentifier");
    expect(plan.totals.creates).toBe(4);
    const rows = await f.t.ctx.store.db
      .selectFrom("devices")
      .select(["cw_config_id", "outcome_unknown"])
      .execute();
    expect(rows.every((r) => r.cw_config_id === null && r.outcome_unknown === 0)).toBe(true);
  });

  it("plans updates with field diffs and blocked deactivations", async () => {
    f = await createSyncFixture(dialect);
    const devices = makeDevices(10, "acme");
    await pushDevices(f.t.ctx, f.sourceId, devices, { mode: "snapshot" });
    await f.drain();
    await f.t.engine.stop();
    const changed = devices.slice(8).map((d) => ({ ...d, osType: "Linux" }));
    await pushDevices(f.t.ctx, f.sourceId, changed, { mode: "snapshot" });
    f.clearLedger();
    const plan = await planSync(f.t.ctx, { sourceId: f.sourceId });
    const part = plan.partitions.find((p) => p.companyId === f.companyId("AcmeCorp"));
    expect(part).toMatchObject({ creates: 0, updates: 2, deactivations: 0 });
    expect(part?.blocked).toMatchObject({ wouldDeactivate: 8, total: 10 });
    expect(part?.changes.map((c) => c.fields.map((x) => x.field))).toEqual([
      ["osType"],
      ["osType"],
    ]);
    expect(f.requests().filter((r) => r.method !== "GET")).toHaveLength(0);
  });
});
