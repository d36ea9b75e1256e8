import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RESOURCES } from "./resources.js";
import type { TableName } from "./types.js";

const REPO_ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
const SCHEMAS = resolve(REPO_ROOT, "../shared/connectwise-openapi/manage-key-schemas.json");

interface SchemaField {
  name: string;
  maxLength?: number;
  required?: boolean;
  enum?: string[];
}

const SCHEMA_OF: Partial<Record<TableName, string>> = {
  companies: "Company",
  sites: "CompanySite",
  companyTypes: "CompanyType",
  companyStatuses: "CompanyStatus",
  contacts: "Contact",
  configurations: "CompanyConfiguration",
  configurationTypes: "ConfigurationType",
  configurationStatuses: "ConfigurationStatus",
  boards: "Board",
  boardStatuses: "BoardStatus",
  boardTypes: "BoardType",
  priorities: "Priority",
  severities: "Severity",
  impacts: "Impact",
  tickets: "Ticket",
  ticketNotes: "ServiceNote",
  timeEntries: "TimeEntry",
  members: "Member",
  apiMembers: "ApiMember",
  securityRoles: "SecurityRole",
  agreements: "Agreement",
  additions: "Addition",
  catalogItems: "CatalogItem",
  callbacks: "CallbackEntry",
};

const schemas = (
  JSON.parse(readFileSync(SCHEMAS, "utf8")) as { schemas: Record<string, SchemaField[]> }
).schemas;

describe("field rules agree with the key schemas", () => {
  const mapped = RESOURCES.flatMap((def) => {
    const name = SCHEMA_OF[def.table];
    return name ? [[def.path, def, schemas[name] ?? []] as const] : [];
  });

  it.each(mapped)("%s", (_, def, schema) => {
    const byName = new Map(schema.map((field) => [field.name, field]));
    const problems: string[] = [];
    for (const rule of def.fields) {
      const field = byName.get(rule.name);
      if (!field) problems.push(`${rule.name}: not in schema`);
      else if (field.maxLength !== rule.maxLength)
        problems.push(`${rule.name}: maxLength ${rule.maxLength} vs ${field.maxLength}`);
      else if (
        rule.kind === "enum" &&
        [...(field.enum ?? [])].sort().join() !== [...(rule.values ?? [])].sort().join()
      ) {
        problems.push(`${rule.name}: enum differs`);
      }
    }
    for (const field of schema) {
      if (field.required && !def.fields.some((rule) => rule.name === field.name && rule.required)) {
        problems.push(`${field.name}: required in schema`);
      }
    }
    expect(problems).toEqual([]);
  });
});
