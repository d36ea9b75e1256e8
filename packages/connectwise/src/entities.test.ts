/**
 * The entity table's facts: each listed operation exists in the 2025.16 operation index
 * (`shared/connectwise-openapi/manage-2025.16-operations.json`, compared case-insensitively),
 * and `entityPath` fills in a checked parent id.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ENTITIES, entityPath, type EntityName, type EntityOperation } from "./entities.js";
import { responseSchemas } from "./schemas/registry.js";

interface Operation {
  readonly method: string;
  readonly path: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const operations = (
  JSON.parse(
    readFileSync(
      path.resolve(repoRoot, "../shared/connectwise-openapi/manage-2025.16-operations.json"),
      "utf8",
    ),
  ) as { operations: Operation[] }
).operations;

const template = (text: string): RegExp =>
  new RegExp(
    `^${text
      .replace(/\/+$/, "")
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
      .join("[^/]+")}/?$`,
    "i",
  );
const compiled = operations.map((op) => ({ method: op.method, regex: template(op.path) }));

/** The HTTP call an operation of an entity makes (ids as `1`). */
function callOf(path: string, operation: EntityOperation): Operation {
  const at = path.replaceAll("{parentId}", "1");
  switch (operation) {
    case "list":
      return { method: "GET", path: at };
    case "count":
      return { method: "GET", path: `${at}/count` };
    case "post":
      return { method: "POST", path: at };
    case "get":
      return { method: "GET", path: `${at}/1` };
    case "put":
      return { method: "PUT", path: `${at}/1` };
    case "patch":
      return { method: "PATCH", path: `${at}/1` };
    case "delete":
      return { method: "DELETE", path: `${at}/1` };
  }
}

const entries = Object.entries(ENTITIES) as [EntityName, (typeof ENTITIES)[EntityName]][];

describe("the entity table", () => {
  it.each(entries)("%s: every operation is in the 2025.16 operation index", (_name, entity) => {
    const missing = entity.operations
      .map((operation) => callOf(entity.path, operation))
      .filter(
        (call) => !compiled.some((op) => op.method === call.method && op.regex.test(call.path)),
      );
    expect(missing).toEqual([]);
  });

  it("has a response schema for every entity, and no schema without an entity", () => {
    expect(Object.keys(responseSchemas).sort()).toEqual(Object.keys(ENTITIES).sort());
  });

  it("entityPath fills in a checked parent id", () => {
    expect(entityPath("Company")).toBe("/company/companies");
    expect(entityPath("CompanySite", 7)).toBe("/company/companies/7/sites");
    expect(entityPath("SecurityRoleSetting", 3)).toBe("/system/securityRoles/3/settings");
    expect(() => entityPath("BoardStatus", -1)).toThrow(/positive integer/);
  });
});
