import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RESOURCES } from "./resources.js";
import { TABLE_ENTITY } from "./table-entities.js";
import type { TableName } from "./types.js";

const REPO_ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
const SCHEMAS = resolve(REPO_ROOT, "../shared/connectwise-openapi/manage-key-schemas.json");

interface SchemaField {
  name: string;
  maxLength?: number;
  required?: boolean;
  enum?: string[];
}

/**
 * Tables whose field rules are not compared with a key schema, and why. Every other table that
 * stores a client entity (`TABLE_ENTITY`) is compared with its entity's key schema, so a new
 * table is covered without being listed here.
 */
const UNCHECKED: Partial<Record<TableName, string>> = {
  boardSubtypes: "BoardSubType is not in manage-key-schemas.json",
  boardItems: "BoardItem is not in manage-key-schemas.json",
  securityRoleSettings: "its rows carry the emulator's own `roleId` link (hidden from responses)",
};

/** Key-schema name per checked table: its client entity's (schema) name. */
const SCHEMA_OF: Partial<Record<TableName, string>> = Object.fromEntries(
  Object.entries(TABLE_ENTITY).filter(
    ([table, entity]) => entity !== null && UNCHECKED[table as TableName] === undefined,
  ),
);

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
