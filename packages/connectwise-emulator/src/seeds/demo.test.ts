import { describe, expect, it } from "vitest";
import type { Entity, SeedData } from "../types.js";
import { demoSeed } from "./demo.js";
import { emptySeed } from "./empty.js";
import { resolveSeed } from "./resolve-seed.js";
import {
  communicationItemProblems,
  idProblems,
  loadSchemas,
  referenceProblems,
  schemaProblems,
} from "./seed-invariants.test-helper.js";

const schemas = loadSchemas();

const rows = (seed: SeedData, table: keyof SeedData["tables"]): readonly Entity[] =>
  seed.tables[table] ?? [];

const refId = (row: Entity, field: string): number | undefined =>
  (row[field] as { id?: number } | undefined)?.id;

const SEEDS: readonly (readonly [string, () => SeedData])[] = [
  ["demo", () => demoSeed()],
  ["demo with 3 companies", () => demoSeed({ companies: 3 })],
  ["demo with 0 companies", () => demoSeed({ companies: 0 })],
  ["demo scaled", () => demoSeed({ companies: 450, configurations: 2000, random: 7 })],
  ["empty", () => emptySeed()],
];

describe.each(SEEDS)("%s seed invariants", (_name, build) => {
  const seed = build();

  it("has unique positive integer ids per table", () => {
    expect(idProblems(seed)).toEqual([]);
  });

  it("has every reference pointing to an existing row with a matching label", () => {
    expect(referenceProblems(seed)).toEqual([]);
  });

  it("uses only schema field names, with valid types, enums, date-times and lengths", () => {
    expect(schemaProblems(seed, schemas)).toEqual([]);
    expect(communicationItemProblems(seed, schemas)).toEqual([]);
  });

  it("gives each board one default status and at least one closed status", () => {
    for (const board of rows(seed, "boards")) {
      const statuses = rows(seed, "boardStatuses").filter(
        (row) => refId(row, "board") === board.id,
      );
      expect(statuses.filter((row) => row["defaultFlag"] === true)).toHaveLength(1);
      expect(statuses.filter((row) => row["closedStatus"] === true).length).toBeGreaterThanOrEqual(
        1,
      );
    }
  });

  it("keeps ticket statuses, types, subtypes and items on the ticket's board", () => {
    const byId = (table: keyof SeedData["tables"], id: number | undefined) =>
      rows(seed, table).find((row) => row.id === id);
    for (const ticket of rows(seed, "tickets")) {
      const board = refId(ticket, "board");
      for (const [field, table] of [
        ["status", "boardStatuses"],
        ["type", "boardTypes"],
        ["subType", "boardSubtypes"],
        ["item", "boardItems"],
      ] as const) {
        expect(refId(byId(table, refId(ticket, field)) ?? { id: 0 }, "board")).toBe(board);
      }
      const status = byId("boardStatuses", refId(ticket, "status"));
      expect(ticket["closedFlag"]).toBe(status?.["closedStatus"]);
    }
  });

  it("has exactly one default among priorities, severities, impacts, company and configuration statuses", () => {
    for (const table of [
      "priorities",
      "severities",
      "impacts",
      "companyStatuses",
      "configurationStatuses",
      "companyTypes",
    ] as const) {
      expect(
        rows(seed, table).filter((row) => row["defaultFlag"] === true),
        table,
      ).toHaveLength(1);
    }
  });

  it("gives every company exactly one primary site", () => {
    for (const company of rows(seed, "companies")) {
      const sites = rows(seed, "sites").filter((row) => refId(row, "company") === company.id);
      expect(
        sites.filter((row) => row["primaryAddressFlag"] === true),
        String(company["name"]),
      ).toHaveLength(1);
      expect(refId(company, "site")).toBe(sites[0]?.id);
    }
  });

  it("maps every API key to a member or API member", () => {
    const identifiers = [...rows(seed, "members"), ...rows(seed, "apiMembers")].map(
      (row) => row["identifier"],
    );
    for (const key of seed.apiKeys) expect(identifiers).toContain(key.memberIdentifier);
  });
});

describe("demoSeed", () => {
  it("is deterministic for the same options", () => {
    expect(demoSeed()).toEqual(demoSeed());
    const options = { companies: 80, configurations: 300, random: 99 };
    expect(demoSeed(options)).toEqual(demoSeed(options));
  });

  it("varies generated data with the random seed", () => {
    expect(demoSeed({ random: 1 }).tables.contacts).not.toEqual(
      demoSeed({ random: 2 }).tables.contacts,
    );
  });

  it("has login facts, the fixed clientId and the cwbridge API key first", () => {
    const seed = demoSeed();
    expect(seed.companyId).toBe("demo");
    expect(seed.codebase).toBe("v2025_1/");
    expect(seed.clientIds[0]).toBe("5b2e9c1a-3f4d-4e8a-9c7b-2d1e0f6a8b3c");
    expect(seed.clientIds.length).toBeGreaterThanOrEqual(2);
    expect(seed.apiKeys.map((key) => key.memberIdentifier)).toEqual([
      "cwbridge",
      "limited-api",
      "dadams",
    ]);
    expect(seed.apiKeys[0]).toMatchObject({
      publicKey: "demoPublicKey0001",
      privateKey: "demoPrivateKey-not-secret-0001",
    });
  });

  it("has 25 named customers plus the MSP, of every type and status", () => {
    const companies = rows(demoSeed({ prospects: 0 }), "companies");
    expect(companies).toHaveLength(26);
    expect(companies[0]).toMatchObject({
      id: 2,
      identifier: "NorthwindMSP",
      name: "Northwind MSP",
    });
    const names = companies.map((row) => row["name"]);
    expect(names).toEqual(
      expect.arrayContaining([
        "Acme Corporation",
        "Globex, Inc.",
        "Initech LLC",
        "Umbrella Corp.",
        "Fabrikam GmbH",
      ]),
    );
    expect(companies.find((row) => row["name"] === "Acme Corporation")?.["identifier"]).toBe(
      "AcmeCorp",
    );
    const types = new Set(
      companies.flatMap((row) => (row["types"] as { name: string }[]).map((type) => type.name)),
    );
    expect([...types].sort()).toEqual(["Customer", "Owner", "Partner", "Prospect", "Vendor"]);
    const statuses = new Set(companies.map((row) => (row["status"] as { name: string }).name));
    expect([...statuses].sort()).toEqual(["Active", "Credit Hold", "Inactive", "Not-Approved"]);
  });

  it("gives companies 1–3 sites and 1–4 contacts with e-mail and phone", () => {
    const seed = demoSeed();
    for (const company of rows(seed, "companies")) {
      const of = (table: "sites" | "contacts") =>
        rows(seed, table).filter((row) => refId(row, "company") === company.id);
      expect(of("sites").length).toBeGreaterThanOrEqual(1);
      expect(of("sites").length).toBeLessThanOrEqual(3);
      expect(of("contacts").length).toBeGreaterThanOrEqual(1);
      expect(of("contacts").length).toBeLessThanOrEqual(4);
      for (const contact of of("contacts")) {
        const kinds = (contact["communicationItems"] as { communicationType: string }[]).map(
          (item) => item.communicationType,
        );
        expect(kinds).toEqual(["Email", "Phone"]);
      }
    }
  });

  it("scales companies with unique identifiers and names", () => {
    const companies = rows(demoSeed({ companies: 500, prospects: 0 }), "companies");
    expect(companies).toHaveLength(501);
    expect(new Set(companies.map((row) => String(row["identifier"]).toLowerCase())).size).toBe(501);
    expect(new Set(companies.map((row) => row["name"])).size).toBe(501);
    expect(
      rows(demoSeed({ companies: 2, prospects: 0 }), "companies").map((row) => row["identifier"]),
    ).toEqual(["NorthwindMSP", "AcmeCorp", "Globex"]);
  });

  it("has adoptable configurations with serial, tag and device identifiers, and a shared name", () => {
    const configurations = rows(demoSeed(), "configurations");
    expect(configurations.some((row) => typeof row["serialNumber"] === "string")).toBe(true);
    expect(configurations.some((row) => typeof row["tagNumber"] === "string")).toBe(true);
    expect(configurations.some((row) => typeof row["deviceIdentifier"] === "string")).toBe(true);
    expect(configurations.filter((row) => row["name"] === "FW-01")).toHaveLength(2);
  });

  it("generates 100,000 extra configurations quickly, spread over the customers", () => {
    const started = performance.now();
    const seed = demoSeed({ configurations: 100_000, prospects: 0 });
    const elapsed = performance.now() - started;
    const configurations = rows(seed, "configurations");
    expect(configurations.length).toBe(
      100_000 + rows(demoSeed({ prospects: 0 }), "configurations").length,
    );
    expect(new Set(configurations.map((row) => row.id)).size).toBe(configurations.length);
    const owners = new Set(configurations.map((row) => refId(row, "company")));
    expect(owners.size).toBe(25);
    expect(owners.has(2)).toBe(false);
    expect(elapsed).toBeLessThan(2000);
  });

  it("has the two boards with same-named statuses under different ids", () => {
    const seed = demoSeed();
    expect(rows(seed, "boards").map((row) => row["name"])).toEqual([
      "Service Desk",
      "Monitoring Alerts",
    ]);
    const closed = rows(seed, "boardStatuses").filter((row) => row["name"] === "Closed");
    expect(closed).toHaveLength(2);
    expect(closed[0]?.id).not.toBe(closed[1]?.id);
    expect(
      rows(seed, "boardStatuses")
        .filter((row) => row["closedStatus"] === true)
        .map((row) => row["name"]),
    ).toEqual(["Closed", "Closed - Duplicate", "Closed", "Closed - Duplicate"]);
  });

  it("has tickets with notes, one closed with a resolution note and a time entry", () => {
    const seed = demoSeed();
    const closed = rows(seed, "tickets").filter((row) => row["closedFlag"] === true);
    expect(closed).toHaveLength(1);
    const notes = rows(seed, "ticketNotes").filter((row) => row["ticketId"] === closed[0]?.id);
    expect(notes.some((row) => row["resolutionFlag"] === true)).toBe(true);
    expect(rows(seed, "timeEntries")[0]?.["chargeToId"]).toBe(closed[0]?.id);
    for (const ticket of rows(seed, "tickets")) {
      expect(rows(seed, "ticketNotes").some((row) => row["ticketId"] === ticket.id)).toBe(true);
    }
  });

  it("has an active Managed Services agreement for Acme with priced additions", () => {
    const seed = demoSeed();
    const [agreement] = rows(seed, "agreements");
    expect(agreement).toMatchObject({
      agreementStatus: "Active",
      type: { name: "Managed Services" },
      company: { identifier: "AcmeCorp" },
    });
    const additions = rows(seed, "additions").filter((row) => row["agreementId"] === agreement?.id);
    expect(additions.map((row) => (row["product"] as { identifier: string }).identifier)).toEqual([
      "MANAGED-WS",
      "MANAGED-SRV",
      "BACKUP-GB",
    ]);
    for (const addition of additions) {
      expect(addition).toMatchObject({
        billCustomer: "Billable",
        quantity: expect.any(Number),
        unitPrice: expect.any(Number),
      });
    }
    expect(rows(seed, "callbacks")).toEqual([]);
  });
});

describe("emptySeed and resolveSeed", () => {
  it("keeps only what a tenant needs", () => {
    const seed = emptySeed();
    expect(rows(seed, "companies").map((row) => row["identifier"])).toEqual(["NorthwindMSP"]);
    expect(rows(seed, "sites")).toHaveLength(1);
    expect(rows(seed, "contacts")).toHaveLength(1);
    expect(rows(seed, "boards")).toHaveLength(1);
    for (const table of [
      "tickets",
      "configurations",
      "agreements",
      "additions",
      "callbacks",
    ] as const) {
      expect(rows(seed, table), table).toEqual([]);
    }
    expect(rows(seed, "companyTypes")).toHaveLength(1);
    expect(rows(seed, "companyStatuses")).toHaveLength(1);
    expect(rows(seed, "configurationTypes")).toHaveLength(1);
    expect(rows(seed, "configurationStatuses")).toHaveLength(1);
  });

  it("shares login facts, API members, keys, roles and settings with the demo", () => {
    const empty = emptySeed();
    const demo = demoSeed();
    expect(empty.companyId).toBe(demo.companyId);
    expect(empty.codebase).toBe(demo.codebase);
    expect(empty.clientIds).toEqual(demo.clientIds);
    expect(empty.apiKeys).toEqual(demo.apiKeys);
    for (const table of ["apiMembers", "securityRoles", "securityRoleSettings"] as const) {
      expect(rows(empty, table), table).toEqual(rows(demo, table));
    }
  });

  it("resolves seeds by name", () => {
    expect(resolveSeed("demo")).toEqual(demoSeed());
    expect(resolveSeed("empty")).toEqual(emptySeed());
  });
});

describe("demoSeed prospects (so a page of 1,000 is a real page)", () => {
  const seed = demoSeed();
  const plain = demoSeed({ prospects: 0 });

  it("holds more than 1,000 companies and contacts and at least 1,200 configurations", () => {
    expect(rows(seed, "companies").length).toBeGreaterThan(1000);
    expect(rows(seed, "contacts").length).toBeGreaterThan(1000);
    expect(rows(seed, "configurations").length).toBeGreaterThanOrEqual(1200);
  });

  it("adds prospects only: the customers and everything else are unchanged", () => {
    const firstProspect = Math.max(...rows(plain, "companies").map((row) => row.id)) + 1;
    const added = rows(seed, "companies").filter((row) => row.id >= firstProspect);
    expect(added).toHaveLength(1000);
    for (const row of added)
      expect(row["types"]).toEqual([expect.objectContaining({ name: "Prospect" })]);
    for (const table of ["companies", "sites", "contacts", "configurations"] as const) {
      const before = rows(plain, table);
      expect(rows(seed, table).slice(0, before.length)).toEqual(before);
    }
    expect(seed.tables.tickets).toEqual(plain.tables.tickets);
    const owners = rows(seed, "configurations")
      .slice(rows(plain, "configurations").length)
      .map((row) => refId(row, "company"));
    expect(owners.every((id) => id !== undefined && id >= firstProspect)).toBe(true);
  });
});
