import { describe, expect, it } from "vitest";
import type { Entity } from "../types.js";
import { buildSecurityRoleSettings, buildSecurityRoles } from "./security-roles.js";

/** The module → function pairs the emulator enforces (from the brief, written out independently). */
const PAIRS = [
  "System → My Company",
  "System → Member Maintenance",
  "System → Security Roles",
  "System → Table Setup",
  "System → Manage Callbacks",
  "System → API Reports",
  "Companies → Company Maintenance",
  "Companies → Contacts",
  "Companies → Configurations",
  "Service Desk → Service Tickets",
  "Service Desk → Close Service Tickets",
  "Service Desk → Resource Scheduling",
  "Service Desk → Reports",
  "Time & Expense → Time Entry",
  "Finance → Agreements",
  "Finance → Company Finance",
  "Finance → Reports",
  "Procurement → Product Catalog",
  "Procurement → Products",
];

type Kind = "add" | "edit" | "delete" | "inquire";

/** What cwbridge needs, per /work/shared/reference/permissions.md (least level: All). */
const CWBRIDGE_NEEDS: readonly (readonly [string, readonly Kind[]])[] = [
  ["System → My Company", ["inquire"]],
  ["System → Member Maintenance", ["inquire"]],
  ["System → Security Roles", ["inquire"]],
  ["System → Table Setup", ["add", "inquire"]],
  ["System → Manage Callbacks", ["add", "edit", "delete", "inquire"]],
  ["System → API Reports", ["add", "edit", "inquire"]],
  ["Companies → Company Maintenance", ["add", "edit", "inquire"]],
  ["Companies → Contacts", ["inquire"]],
  ["Companies → Configurations", ["add", "edit", "inquire"]],
  ["Service Desk → Service Tickets", ["add", "edit", "inquire"]],
  ["Service Desk → Close Service Tickets", ["edit", "inquire"]],
  ["Service Desk → Resource Scheduling", ["add", "edit", "inquire"]],
  ["Time & Expense → Time Entry", ["add", "edit", "inquire"]],
  ["Finance → Agreements", ["add", "edit", "inquire"]],
  ["Finance → Company Finance", ["add", "edit", "inquire"]],
  ["Finance → Reports", ["inquire"]],
  ["Service Desk → Reports", ["inquire"]],
  ["Procurement → Product Catalog", ["inquire"]],
  ["Procurement → Products", ["edit", "inquire"]],
];

/** Exactly what "Limited API" lacks compared with "cwbridge Integration". */
const LIMITED_LACKS = [
  "Finance → Agreements: edit",
  "Service Desk → Close Service Tickets: edit",
  "Service Desk → Close Service Tickets: inquire",
  "System → Manage Callbacks: add",
  "System → Manage Callbacks: delete",
  "System → Manage Callbacks: edit",
  "System → Manage Callbacks: inquire",
  "System → Table Setup: add",
];

const roles = buildSecurityRoles();
const settings = buildSecurityRoleSettings();
const KINDS: readonly Kind[] = ["add", "edit", "delete", "inquire"];
const key = (row: Entity): string =>
  `${String(row["moduleName"])} → ${String(row["moduleFunctionName"])}`;

function settingsOf(roleName: string): Map<string, Entity> {
  const role = roles.find((row) => row["name"] === roleName);
  expect(role, roleName).toBeDefined();
  return new Map(
    settings.filter((row) => row["roleId"] === role?.id).map((row) => [key(row), row]),
  );
}

const levelOf = (row: Entity | undefined, kind: Kind): unknown => row?.[`${kind}Level`];

describe("security roles", () => {
  it("has Admin, cwbridge Integration and Limited API (ids 1–3)", () => {
    expect(roles.slice(0, 3).map((row) => [row.id, row["name"]])).toEqual([
      [1, "Admin"],
      [2, "cwbridge Integration"],
      [3, "Limited API"],
    ]);
  });

  it("gives every role exactly one row per enforced module function, ids unique", () => {
    for (const role of roles) {
      expect([...settingsOf(String(role["name"])).keys()].sort()).toEqual([...PAIRS].sort());
    }
    expect(new Set(settings.map((row) => row.id)).size).toBe(settings.length);
  });

  it("uses only None/My/All levels and PascalCase identifiers, customFlag only on a customised Table Setup", () => {
    for (const row of settings) {
      for (const kind of KINDS) expect(["None", "My", "All"]).toContain(levelOf(row, kind));
      expect(row["moduleIdentifier"]).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(row["moduleFunctionIdentifier"]).toMatch(/^[A-Z][A-Za-z]+$/);
      if (row["moduleFunctionName"] !== "Table Setup") expect(row["customFlag"]).toBe(false);
    }
  });

  it("gives Admin All everywhere", () => {
    for (const row of settingsOf("Admin").values()) {
      for (const kind of KINDS) expect(levelOf(row, kind)).toBe("All");
    }
  });

  it("gives cwbridge Integration everything cwbridge needs, and delete only on callbacks", () => {
    const rows = settingsOf("cwbridge Integration");
    for (const [pair, kinds] of CWBRIDGE_NEEDS) {
      for (const kind of kinds)
        expect(levelOf(rows.get(pair), kind), `${pair}: ${kind}`).toBe("All");
    }
    const deletes = [...rows.values()].filter((row) => row["deleteLevel"] !== "None").map(key);
    expect(deletes).toEqual(["System → Manage Callbacks"]);
  });

  it("gives Limited API exactly cwbridge Integration minus the listed rights", () => {
    const full = settingsOf("cwbridge Integration");
    const limited = settingsOf("Limited API");
    const lacks: string[] = [];
    for (const [pair, row] of full) {
      for (const kind of KINDS) {
        const before = levelOf(row, kind);
        const after = levelOf(limited.get(pair), kind);
        if (before !== after) {
          expect(after, `${pair}: ${kind}`).toBe("None");
          lacks.push(`${pair}: ${kind}`);
        }
      }
    }
    expect(lacks.sort()).toEqual(LIMITED_LACKS);
  });
});
