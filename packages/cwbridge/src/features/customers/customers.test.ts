import { resolveSeed, type SeedData } from "@cwbridge/connectwise-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../app/testing/test-app.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { addSource } from "../sources/index.js";
import { listCompanies } from "./company-row.js";
import { CustomerError } from "./errors.js";
import { mapCustomer, unmapCustomer } from "./map-customer.js";
import { listMappings } from "./mapping-row.js";
import { matchCustomers } from "./match-customers.js";
import { pushCustomers } from "./push-customers.js";
import { refreshCompanies } from "./refresh-companies.js";

const CUSTOMERS = [
  { id: "c-id", name: "Something Else", identifier: "AcmeCorp" },
  { id: "c-name", name: "Globex Inc" },
  { id: "c-display", name: "stark-ind", displayName: "Stark Industries" },
  { id: "c-fuzzy", name: "Umbrela Corporation" },
  { id: "c-none", name: "Totally Unknown Bakery" },
];

describe.each(TEST_DIALECTS)("customers and mappings (%s)", (dialect) => {
  let t: TestApp;
  let sourceId: string;
  let company: (identifier: string) => number;
  beforeAll(async () => {
    t = await createTestApp({ dialect });
    sourceId = (await addSource(t.ctx, { name: "rmm", connectionId: t.connectionId })).source.id;
    const ids = new Map(t.emulator.table("companies").map((c) => [String(c["identifier"]), c.id]));
    company = (identifier) => ids.get(identifier) ?? -1;
  });
  afterAll(async () => {
    await t.close();
  });

  it("refuses bad customers (strict, limits, duplicates) and stores nothing", async () => {
    const bad = [
      [{ id: "a", name: "A", extra: 1 }],
      [{ id: "a", name: "x".repeat(201) }],
      [{ name: "no id" }],
      [
        { id: "a", name: "A" },
        { id: "a", name: "B" },
      ],
      "not an array",
    ];
    for (const input of bad) {
      await expect(pushCustomers(t.ctx, sourceId, input)).rejects.toBeInstanceOf(CustomerError);
    }
    expect(await t.ctx.store.db.selectFrom("customers").selectAll().execute()).toEqual([]);
  });

  it("refreshes companies with server-side type/status filters and lists them filtered", async () => {
    t.emulator.ledger.clear();
    const { fetched } = await refreshCompanies(t.ctx, t.connectionId, {
      types: ["Customer"],
      statuses: ["Active"],
    });
    const read = t.emulator.ledger.requests().filter((r) => r.path === "/company/companies");
    expect(read).toHaveLength(1);
    expect(read[0]?.query["childConditions"]).toMatch(/types\/name/);
    expect(read[0]?.query["pageSize"]).toBe("1000");
    const cached = await listCompanies(t.ctx, t.connectionId);
    expect(cached).toHaveLength(fetched);
    expect(cached.every((c) => c.typeNames.includes("Customer") && c.statusName === "Active")).toBe(
      true,
    );
    expect(cached.map((c) => c.identifier)).not.toContain("Oscorp");

    await refreshCompanies(t.ctx, t.connectionId);
    const vendors = await listCompanies(t.ctx, t.connectionId, { type: "vendor" });
    expect(vendors.map((c) => c.identifier).sort()).toEqual(["Litware", "NorthwindTraders"]);
    const inactive = await listCompanies(t.ctx, t.connectionId, { status: "Inactive" });
    expect(inactive.map((c) => c.identifier)).toEqual(["Oscorp"]);
    const acme = await listCompanies(t.ctx, t.connectionId, { search: "ACME" });
    expect(acme.map((c) => c.identifier).sort()).toEqual(["ACMEWidgets", "AcmeCorp"].sort());
  });

  it("matches customers (identifier, name, display name), sends fuzzy ones to review", async () => {
    await pushCustomers(t.ctx, sourceId, CUSTOMERS);
    const report = await matchCustomers(t.ctx, sourceId, { types: ["Customer"] });
    expect(report).toMatchObject({ matched: 3, review: 1, none: 1, manual: 0 });
    expect(report.reviewList[0]).toMatchObject({
      customerId: "c-fuzzy",
      reason: "below-threshold",
    });
    expect(report.reviewList[0]?.candidates[0]).toMatchObject({
      companyId: company("Umbrella"),
      companyName: "Umbrella Corp.",
    });
    const mappings = new Map((await listMappings(t.ctx, sourceId)).map((m) => [m.customerId, m]));
    expect(mappings.get("c-id")).toMatchObject({
      companyId: company("AcmeCorp"),
      method: "identifier",
      score: 1,
      syncStatus: "Unsynced",
    });
    expect(mappings.get("c-name")).toMatchObject({ companyId: company("Globex"), method: "name" });
    expect(mappings.get("c-display")).toMatchObject({
      companyId: company("StarkInd"),
      method: "display-name",
    });
    expect(mappings.get("c-fuzzy")).toMatchObject({ companyId: null, review: true });
    expect(mappings.get("c-none")).toMatchObject({
      companyId: null,
      review: false,
      method: "none",
    });
    expect(
      (await listMappings(t.ctx, sourceId, { review: true })).map((m) => m.customerId),
    ).toEqual(["c-fuzzy"]);
  });

  it("keeps manual overrides through re-matching; verifies company and site in ConnectWise", async () => {
    const mapped = await mapCustomer(t.ctx, sourceId, "c-fuzzy", {
      companyIdentifier: "Umbrella",
      siteName: "Main Office",
    });
    expect(mapped).toMatchObject({
      companyId: company("Umbrella"),
      manual: true,
      method: "manual",
      review: false,
    });
    expect(mapped.siteId).toBeGreaterThan(0);
    await mapCustomer(t.ctx, sourceId, "c-id", { companyId: company("Contoso") });
    const report = await matchCustomers(t.ctx, sourceId);
    expect(report.manual).toBe(2);
    const mappings = new Map((await listMappings(t.ctx, sourceId)).map((m) => [m.customerId, m]));
    expect(mappings.get("c-id")).toMatchObject({ companyId: company("Contoso"), manual: true });
    expect(mappings.get("c-fuzzy")?.companyId).toBe(company("Umbrella"));

    const otherSite = t.emulator
      .table("sites")
      .find((s) => (s["company"] as { id: number }).id === company("Globex"));
    await expect(
      mapCustomer(t.ctx, sourceId, "c-none", {
        companyIdentifier: "Umbrella",
        siteId: otherSite?.id ?? 0,
      }),
    ).rejects.toMatchObject({
      code: "CWB_ERR_MAPPING_SITE_NOT_FOUND",
    });
    await expect(
      mapCustomer(t.ctx, sourceId, "c-none", { companyIdentifier: "NoSuchCo" }),
    ).rejects.toMatchObject({
      code: "CWB_ERR_MAPPING_COMPANY_NOT_FOUND",
    });
    await expect(
      mapCustomer(t.ctx, sourceId, "c-none", { companyId: 999_999 }),
    ).rejects.toMatchObject({
      code: "CWB_ERR_MAPPING_COMPANY_NOT_FOUND",
    });
    await expect(
      mapCustomer(t.ctx, sourceId, "nobody", { companyId: company("Globex") }),
    ).rejects.toMatchObject({
      code: "CWB_ERR_CUSTOMER_NOT_FOUND",
    });
    await expect(mapCustomer(t.ctx, sourceId, "c-none", {})).rejects.toMatchObject({
      code: "CWB_ERR_MAPPING_INVALID",
    });

    const unmapped = await unmapCustomer(t.ctx, sourceId, "c-id");
    expect(unmapped).toMatchObject({ companyId: null, manual: false, method: "none" });
    const again = await matchCustomers(t.ctx, sourceId);
    expect(again.manual).toBe(1);
    expect(
      (await listMappings(t.ctx, sourceId)).find((m) => m.customerId === "c-id")?.companyId,
    ).toBe(company("AcmeCorp"));
  });
});

/** The demo seed plus companies whose names need escaping, and two that share one name. */
function seedWithAwkwardNames(): SeedData {
  const seed = resolveSeed("demo");
  const companies = seed.tables.companies ?? [];
  const globex = companies.find((c) => c["identifier"] === "Globex");
  if (globex === undefined) throw new Error("demo seed has no Globex");
  const extra = [
    { ...globex, id: 9001, identifier: "OBrienSons", name: `O'Brien & "Sons" \\ Co` },
    { ...globex, id: 9002, identifier: "TwinEast", name: "Twin Holdings" },
    { ...globex, id: 9003, identifier: "TwinWest", name: "Twin Holdings" },
  ];
  return { ...seed, tables: { ...seed.tables, companies: [...companies, ...extra] } };
}

describe.each(TEST_DIALECTS)("customers map by company name (%s)", (dialect) => {
  let t: TestApp;
  let sourceId: string;
  beforeAll(async () => {
    t = await createTestApp({ dialect, seed: seedWithAwkwardNames() });
    sourceId = (await addSource(t.ctx, { name: "rmm", connectionId: t.connectionId })).source.id;
    await pushCustomers(t.ctx, sourceId, [{ id: "c1", name: "Someone" }]);
  });
  afterAll(async () => {
    await t.close();
  });

  it("maps by exact name, also with quotes, ampersands and backslashes in it", async () => {
    const byName = await mapCustomer(t.ctx, sourceId, "c1", { company: "Globex, Inc." });
    expect(byName.companyId).toBe(
      t.emulator.table("companies").find((c) => c["identifier"] === "Globex")?.id,
    );
    const awkward = await mapCustomer(t.ctx, sourceId, "c1", {
      company: `O'Brien & "Sons" \\ Co`,
    });
    expect(awkward.companyId).toBe(9001);
    const byIdentifier = await mapCustomer(t.ctx, sourceId, "c1", { company: "AcmeCorp" });
    expect(byIdentifier.companyId).toBe(250);
    const named = await mapCustomer(t.ctx, sourceId, "c1", { companyName: "Umbrella Corp." });
    expect(named.companyId).toBe(
      t.emulator.table("companies").find((c) => c["identifier"] === "Umbrella")?.id,
    );
  });

  it("refuses an ambiguous name, listing the candidates, and changes nothing", async () => {
    const before = await listMappings(t.ctx, sourceId);
    const error: unknown = await mapCustomer(t.ctx, sourceId, "c1", {
      company: "Twin Holdings",
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "CWB_ERR_MAPPING_COMPANY_AMBIGUOUS", kind: "conflict" });
    const message = (error as Error).message;
    expect(message).toContain("TwinEast");
    expect(message).toContain("TwinWest");
    expect(message).toContain("9002");
    expect(await listMappings(t.ctx, sourceId)).toEqual(before);
    await expect(
      mapCustomer(t.ctx, sourceId, "c1", { company: "No Such Company" }),
    ).rejects.toMatchObject({ code: "CWB_ERR_MAPPING_COMPANY_NOT_FOUND" });
  });
});
