import { describe, expect, it } from "vitest";
import { PERMISSION_FEATURES, PERMISSION_MANIFEST } from "./permission-manifest.js";
import { featuresForOperation, normaliseOperationPath } from "./permission-operations.js";
import { checkPermissions, levelRank, type SecurityRow } from "./permissions.js";

const row = (
  moduleName: string,
  moduleFunctionName: string,
  levels: Partial<Record<"add" | "edit" | "delete" | "inquire", string>>,
): SecurityRow => ({
  moduleName,
  moduleFunctionName,
  addLevel: levels.add ?? "None",
  editLevel: levels.edit ?? "None",
  deleteLevel: levels.delete ?? "None",
  inquireLevel: levels.inquire ?? "None",
});

/** Level's documented role (seeds/003): tickets but Close Service Tickets only Inquire. */
const levelRole: SecurityRow[] = [
  row("Companies", "Company Maintenance", { add: "All", edit: "All", inquire: "All" }),
  row("Companies", "Configurations", { add: "All", edit: "All", inquire: "All" }),
  row("Service Desk", "Service Tickets", { add: "All", edit: "All", inquire: "All" }),
  row("Service Desk", "Close Service Tickets", { inquire: "My" }),
  row("System", "Table Setup", { add: "All", inquire: "All" }),
];

describe("checkPermissions", () => {
  it("passes when every level is met", () => {
    const report = checkPermissions(levelRole, [
      "companies-read",
      "configurations",
      "tickets",
      "table-setup",
    ]);
    expect(report.ok).toBe(true);
    expect(report.fix).toEqual([]);
    expect(report.features.every((f) => f.ok && f.missing.length === 0)).toBe(true);
  });

  it("reports each missing right with need/have and the exact clicks", () => {
    const report = checkPermissions(levelRole, ["tickets", "close-tickets"], {
      roleName: "cwbridge",
    });
    expect(report.ok).toBe(false);
    expect(report.features[0]).toMatchObject({ feature: "tickets", ok: true });
    expect(report.features[1]!.missing).toEqual([
      {
        module: "Service Desk",
        function: "Close Service Tickets",
        right: "edit",
        need: "All",
        have: "None",
      },
      {
        module: "Service Desk",
        function: "Close Service Tickets",
        right: "inquire",
        need: "All",
        have: "My",
      },
    ]);
    expect(report.fix).toEqual([
      "System → Security Roles → cwbridge → expand 'Service Desk' → 'Close Service Tickets': set Edit to All, Inquire to All",
    ]);
  });

  it("treats a missing row as None, and matches names case/punctuation-insensitively", () => {
    const rows = [
      row("TIME AND EXPENSE", "time entry", { add: "all", edit: "ALL", inquire: "All" }),
      row("service desk", "Service Ticket Dependencies", {
        add: "All",
        edit: "All",
        inquire: "All",
      }),
    ];
    const report = checkPermissions(rows, ["time-entries", "ticket-dependencies", "callbacks"]);
    expect(report.features.map((f) => [f.feature, f.ok])).toEqual([
      ["time-entries", false],
      ["ticket-dependencies", true],
      ["callbacks", false],
    ]);
    expect(report.features[0]!.missing.map((m) => `${m.function}:${m.right}`)).toEqual([
      "Time Entry Billable Option:add",
      "Time Entry Billable Option:inquire",
    ]);
    expect(report.fix).toContain(
      "System → Security Roles → <the API member's role> → expand 'System' → 'Manage Callbacks': set Add to All, Edit to All, Delete to All, Inquire to All",
    );
  });

  it("merges rights of one function across features and adds the Table Setup note", () => {
    const report = checkPermissions([], ["companies-read", "companies-write", "table-setup"], {
      roleName: "R",
    });
    expect(report.fix).toEqual([
      "System → Security Roles → R → expand 'Companies' → 'Company Maintenance': set Add to All, Edit to All, Inquire to All",
      expect.stringMatching(
        /^System → Security Roles → R → expand 'System' → 'Table Setup': set Add to All, Inquire to All; then click Customize .*Service \/ Service Board/,
      ),
    ]);
  });

  it("My is not enough where All is needed; duplicate rows take the highest level", () => {
    const rows = [
      row("Companies", "Contacts", { inquire: "My" }),
      row("Companies", "Contacts", { inquire: "All" }),
    ];
    expect(checkPermissions(rows, ["contacts"]).ok).toBe(true);
    expect(checkPermissions(rows.slice(0, 1), ["contacts"]).ok).toBe(false);
    expect([
      levelRank("None"),
      levelRank("my"),
      levelRank("All"),
      levelRank(null),
      levelRank("bogus"),
    ]).toEqual([0, 1, 2, 0, 0]);
  });
});

describe("PERMISSION_MANIFEST", () => {
  it("covers every feature with at least one requirement", () => {
    for (const feature of PERMISSION_FEATURES)
      expect(PERMISSION_MANIFEST[feature].requirements.length).toBeGreaterThan(0);
  });

  it.each([
    ["connection", "System", "My Company", { inquire: "All" }],
    ["companies-write", "Companies", "Company Maintenance", { add: "All", edit: "All" }],
    ["configurations", "Companies", "Configurations", { add: "All", edit: "All", inquire: "All" }],
    ["close-tickets", "Service Desk", "Close Service Tickets", { edit: "All", inquire: "All" }],
    [
      "callbacks",
      "System",
      "Manage Callbacks",
      { add: "All", edit: "All", delete: "All", inquire: "All" },
    ],
  ] as const)("%s needs %s → %s %j (reference/permissions.md)", (feature, module, fn, need) => {
    expect(PERMISSION_MANIFEST[feature].requirements[0]).toMatchObject({
      module,
      function: fn,
      need,
    });
  });
});

describe("featuresForOperation", () => {
  it.each([
    ["GET", "/v4_6_release/apis/3.0/system/info", ["connection"]],
    ["GET", "/system/mySecurity", ["connection"]],
    ["GET", "/company/companies?conditions=x", ["companies-read"]],
    ["POST", "/company/companies", ["companies-write"]],
    ["GET", "/company/companies/5/sites", ["companies-read"]],
    ["POST", "/company/configurations", ["configurations"]],
    ["POST", "/company/configurations/types", ["table-setup"]],
    ["GET", "/service/boards/1/statuses", ["table-setup"]],
    ["POST", "/service/tickets", ["tickets"]],
    ["PATCH", "/Service/Tickets/42", ["tickets", "close-tickets"]],
    ["POST", "/service/tickets/42/notes", ["tickets"]],
    ["POST", "/time/entries", ["time-entries"]],
    ["PUT", "/finance/agreements/3/additions/4", ["agreements"]],
    ["GET", "/procurement/catalog", ["products"]],
    ["POST", "/system/callbacks", ["callbacks"]],
    ["GET", "/system/members", ["members"]],
    ["GET", "/system/securityroles/1/settings", ["security-roles"]],
    ["GET", "/expense/entries", []],
  ])("%s %s → %j", (method, path, features) => {
    expect(featuresForOperation(method, path)).toEqual(features);
  });

  it("strips host, codebase prefix, query and trailing slash", () => {
    expect(
      normaliseOperationPath(
        "https://api-na.myconnectwise.net/v2025_1/apis/3.0/Service/Tickets/5/?x=1",
      ),
    ).toBe("/service/tickets/5");
  });
});

describe("checkPermissions: Customize lists", () => {
  const tableSetup = [row("System", "Table Setup", { add: "All", inquire: "All" })];

  it("matches the Table Setup column ignoring case, spaces and punctuation", () => {
    const report = checkPermissions(tableSetup, ["table-setup"], {
      customizeItems: [
        { customizeIdentifier: "systemtablesetup", itemIdentifier: "Service / Service Board" },
      ],
    });
    expect(report.ok).toBe(true);
    expect(report.fix).toEqual([]);
  });

  it("reports the missing column once, with the Customize clicks", () => {
    const report = checkPermissions(tableSetup, ["table-setup"], {
      roleName: "cwbridge",
      customizeItems: [
        { customizeIdentifier: "SystemTableSetup", itemIdentifier: "Company/Company Type" },
      ],
    });
    expect(report.ok).toBe(false);
    expect(report.features[0]?.missingCustomizations?.map((m) => m.label)).toEqual([
      "Service / Service Board",
    ]);
    expect(report.fix).toEqual([
      "System → Security Roles → cwbridge → expand 'System' → 'Table Setup' → click Customize → under 'Allow access to these columns' add 'Service / Service Board' → Save",
    ]);
  });

  it("does not fail on the column when the list was not read, and says so", () => {
    const report = checkPermissions(tableSetup, ["table-setup"], {
      unchecked: ["the Customize list could not be read"],
    });
    expect(report.ok).toBe(true);
    expect(report.unchecked).toEqual(["the Customize list could not be read"]);
  });
});
