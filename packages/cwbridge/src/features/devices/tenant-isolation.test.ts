/**
 * Tenant isolation of the devices feature's use cases: tenant A's devices, sync reports,
 * approvals and adoption decisions are invisible to and untouchable from tenant B (pushes into
 * A's source, syncs, plans, approvals, resolutions change nothing of A's and enqueue nothing),
 * and the same source name and device ids live in both tenants side by side.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobsOf, seedTwinTenant, settle } from "../../app/testing/tenant-isolation.js";
import type { AppContext } from "../../core/context.js";
import { callUseCase } from "../../core/use-case.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { devicesFeature } from "./feature.js";
import { getKv } from "../../store/index.js";
import { approvedKey } from "./sync-settings.js";
import { createSyncFixture, makeDevices, type SyncFixture } from "./testing/sync-fixture.js";

const cases = devicesFeature.useCases;

async function devicesOf(f: SyncFixture) {
  return f.t.ctx.store.db
    .selectFrom("devices")
    .select(["tenant", "source_id", "external_id", "content_hash", "state", "cw_config_id"])
    .orderBy("tenant")
    .orderBy("source_id")
    .orderBy("external_id")
    .execute();
}

describe.each(TEST_DIALECTS)("devices tenant isolation (%s)", (dialect) => {
  let f: SyncFixture;
  let a: AppContext;
  let b: AppContext;
  let sourceB: string;

  beforeAll(async () => {
    f = await createSyncFixture(dialect);
    a = f.t.ctx;
    ({ ctx: b, sourceId: sourceB } = await seedTwinTenant(f.t, { sourceName: "rmm" }));
    const devices = [...makeDevices(3, "acme"), ...makeDevices(2, "globex")];
    await callUseCase(a, cases.push, { sourceId: f.sourceId, mode: "snapshot", devices });
    await f.drain();
  });
  afterAll(async () => {
    await f.close();
  });

  it("hides tenant A's sync reports and plan from tenant B", async () => {
    const reportsA = await callUseCase(a, cases.reports, { sourceId: f.sourceId });
    expect(reportsA.length).toBeGreaterThan(0);
    expect(await callUseCase(b, cases.reports, { sourceId: f.sourceId })).toEqual([]);
    const plan = await settle(callUseCase(b, cases.plan, { sourceId: f.sourceId }));
    // Either A's source is not found in B, or B sees no partition of it: never A's devices.
    if (plan instanceof Error) expect(plan).toMatchObject({ kind: "not_found" });
    else expect(plan).toMatchObject({ partitions: [] });
  });

  it("lets tenant B neither overwrite nor remove tenant A's devices", async () => {
    const before = await devicesOf(f);
    const jobs = await jobsOf(a);
    const hijack = makeDevices(1, "acme", () => ({ name: "HIJACKED" }));
    await callUseCase(b, cases.push, {
      sourceId: f.sourceId,
      mode: "snapshot",
      devices: hijack,
    }).catch(() => undefined);
    await callUseCase(b, cases.push, {
      sourceId: f.sourceId,
      mode: "delta",
      removed: ["acme-2"],
      devices: [],
    }).catch(() => undefined);
    expect((await devicesOf(f)).filter((d) => d.tenant === "default")).toEqual(
      before.filter((d) => d.tenant === "default"),
    );
    expect(await jobsOf(a)).toEqual(jobs);
  });

  it("lets tenant B neither sync, approve nor resolve tenant A's partitions", async () => {
    const before = await devicesOf(f);
    const acme = f.companyId("AcmeCorp");
    const run = await settle(callUseCase(b, cases.sync, { sourceId: f.sourceId }));
    if (run instanceof Error) expect(run).toMatchObject({ kind: "not_found" });
    else expect(run).toMatchObject({ partitions: 0 });
    await callUseCase(b, cases.approveDeactivations, {
      sourceId: f.sourceId,
      companyId: acme,
    }).catch(() => undefined);
    expect(await getKv(a.scope.db, approvedKey(f.sourceId, acme))).toBeUndefined();
    await expect(
      callUseCase(b, cases.resolveAdoption, {
        sourceId: f.sourceId,
        externalId: "acme-1",
        choice: { create: true },
      }),
    ).rejects.toMatchObject({ kind: expect.stringMatching(/^(invalid|not_found)$/) as string });
    await f.drain();
    expect(await devicesOf(f)).toEqual(before);
  });

  it("keeps the same source name and device ids in both tenants apart", async () => {
    const devices = makeDevices(3, "acme");
    const report = await callUseCase(b, cases.push, {
      sourceId: sourceB,
      mode: "snapshot",
      devices,
    });
    expect(report).toMatchObject({ received: 3, changed: 3, removed: 0 });
    const all = await devicesOf(f);
    expect(all.filter((d) => d.tenant === "b").map((d) => [d.source_id, d.external_id])).toEqual([
      [sourceB, "acme-1"],
      [sourceB, "acme-2"],
      [sourceB, "acme-3"],
    ]);
    const ofA = all.filter((d) => d.tenant === "default");
    expect(ofA).toHaveLength(5);
    expect(ofA.every((d) => d.source_id === f.sourceId && d.cw_config_id !== null)).toBe(true);
    expect(await callUseCase(a, cases.reports, { sourceId: sourceB })).toEqual([]);
  });
});
