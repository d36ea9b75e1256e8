/**
 * Tenant isolation of the customers feature's use cases: what tenant A made is invisible to and
 * untouchable from tenant B (lists, reads, maps, pushes, matches, company caches, the jobs they
 * enqueue), and the same source name and customer ids live in both tenants side by side.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../app/testing/test-app.js";
import { jobsOf, seedTwinTenant, type TenantTwin } from "../../app/testing/tenant-isolation.js";
import type { AppContext } from "../../core/context.js";
import { callUseCase } from "../../core/use-case.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { addSource } from "../sources/index.js";
import { customersFeature } from "./feature.js";
import { upsertCompanies } from "./repository.js";

const cases = customersFeature.useCases;
const CUSTOMERS = [
  { id: "c-id", name: "Something Else", identifier: "AcmeCorp" },
  { id: "c-name", name: "Globex Inc" },
];

/** Tenant B's company cache: an `AcmeCorp` of its own (its own cw id and name). */
async function seedCompaniesOfB(b: TenantTwin): Promise<void> {
  await upsertCompanies(b.ctx.scope.db, [
    {
      connection_id: b.connectionId,
      cw_id: 1,
      identifier: "AcmeCorp",
      name: "Acme B",
      type_ids_json: "[]",
      type_names_json: '["Customer"]',
      status_id: null,
      status_name: "Active",
      deleted: 0,
      website: null,
      fetched_at: new Date().toISOString(),
    },
  ]);
}

describe.each(TEST_DIALECTS)("customers tenant isolation (%s)", (dialect) => {
  let t: TestApp;
  let a: AppContext;
  let b: AppContext;
  let sourceA: string;
  let sourceB: string;
  let connectionB: string;
  let acmeId: number;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    a = t.ctx;
    sourceA = (await addSource(a, { name: "rmm", connectionId: t.connectionId })).source.id;
    const twin = await seedTwinTenant(t, { sourceName: "rmm" });
    await seedCompaniesOfB(twin);
    ({ ctx: b, sourceId: sourceB, connectionId: connectionB } = twin);
    acmeId = t.emulator.table("companies").find((c) => c["identifier"] === "AcmeCorp")?.id ?? -1;
    await callUseCase(a, cases.push, { sourceId: sourceA, customers: CUSTOMERS });
    await callUseCase(a, cases.refreshCompanies, { connectionId: t.connectionId });
    await callUseCase(a, cases.match, { sourceId: sourceA, types: ["Customer"] });
  });
  afterAll(async () => {
    await t.close();
  });

  it("hides tenant A's mappings and companies from tenant B", async () => {
    expect(await callUseCase(a, cases.list, { sourceId: sourceA })).toHaveLength(2);
    expect(await callUseCase(b, cases.list, { sourceId: sourceA })).toEqual([]);
    const companiesA = await callUseCase(a, cases.listCompanies, { connectionId: t.connectionId });
    expect(companiesA.length).toBeGreaterThan(0);
    expect(
      await callUseCase(b, cases.listCompanies, {
        connectionId: t.connectionId,
        includeDeleted: true,
      }),
    ).toEqual([]);
  });

  it("lets tenant B neither map nor unmap tenant A's customers", async () => {
    const before = await callUseCase(a, cases.list, { sourceId: sourceA });
    const jobsBefore = await jobsOf(a);
    await expect(
      callUseCase(b, cases.map, {
        sourceId: sourceA,
        customerId: "c-name",
        target: { companyId: acmeId },
      }),
    ).rejects.toMatchObject({ kind: "not_found" });
    await expect(
      callUseCase(b, cases.unmap, { sourceId: sourceA, customerId: "c-id" }),
    ).rejects.toMatchObject({ kind: "not_found" });
    expect(await callUseCase(a, cases.list, { sourceId: sourceA })).toEqual(before);
    expect(await jobsOf(a)).toEqual(jobsBefore);
  });

  it("lets tenant B neither overwrite tenant A's customers nor re-match them", async () => {
    const before = await callUseCase(a, cases.list, { sourceId: sourceA });
    const jobsBefore = await jobsOf(a);
    await callUseCase(b, cases.push, {
      sourceId: sourceA,
      customers: [{ id: "c-id", name: "Hijacked" }],
    }).catch(() => undefined);
    await callUseCase(b, cases.match, { sourceId: sourceA }).catch(() => undefined);
    expect(await callUseCase(a, cases.list, { sourceId: sourceA })).toEqual(before);
    const stored = await t.ctx.store.db
      .selectFrom("customers")
      .select(["tenant", "name"])
      .where("source_id", "=", sourceA)
      .where("external_id", "=", "c-id")
      .execute();
    expect(stored).toEqual([{ tenant: "default", name: "Something Else" }]);
    expect(await jobsOf(a)).toEqual(jobsBefore);
  });

  it("refuses tenant A's connection to tenant B's company refresh", async () => {
    const before = await callUseCase(a, cases.listCompanies, { connectionId: t.connectionId });
    await expect(
      callUseCase(b, cases.refreshCompanies, { connectionId: t.connectionId }),
    ).rejects.toMatchObject({ kind: "not_found" });
    expect(await callUseCase(a, cases.listCompanies, { connectionId: t.connectionId })).toEqual(
      before,
    );
  });

  it("keeps the same source name and customer ids in both tenants apart", async () => {
    await callUseCase(b, cases.push, { sourceId: sourceB, customers: CUSTOMERS });
    const report = await callUseCase(b, cases.match, { sourceId: sourceB });
    expect(report).toMatchObject({ matched: 1, none: 1 });
    const mappingsB = await callUseCase(b, cases.list, { sourceId: sourceB });
    expect(mappingsB.map((m) => [m.customerId, m.companyId])).toEqual([
      ["c-id", 1],
      ["c-name", null],
    ]);
    const mappingsA = await callUseCase(a, cases.list, { sourceId: sourceA });
    expect(mappingsA.find((m) => m.customerId === "c-id")?.companyId).toBe(acmeId);
    expect(await callUseCase(a, cases.list, { sourceId: sourceB })).toEqual([]);
    expect(
      (await callUseCase(b, cases.listCompanies, { connectionId: connectionB })).map((c) => c.name),
    ).toEqual(["Acme B"]);

    const jobs = await jobsOf(a);
    const ofB = jobs.filter((j) => j.payload.includes(sourceB));
    expect(ofB.length).toBeGreaterThan(0);
    expect(ofB.every((j) => j.tenant === "b")).toBe(true);
    expect(
      jobs.filter((j) => j.payload.includes(sourceA)).every((j) => j.tenant === "default"),
    ).toBe(true);
  });
});
