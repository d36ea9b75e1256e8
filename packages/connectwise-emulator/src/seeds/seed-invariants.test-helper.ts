/**
 * Test-only checks of a SeedData against ConnectWise's key schemas (read from ../shared):
 * unique ids, resolvable references, known field names, types, enums and maxLength.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TABLE_ENTITY } from "../table-entities.js";
import type { Entity, SeedData, TableName } from "../types.js";

interface SchemaField {
  readonly name: string;
  readonly type: string;
  readonly maxLength?: number;
  readonly enum?: readonly string[];
}

type Schemas = Readonly<Record<string, readonly SchemaField[]>>;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

/** The key schemas from `../shared/connectwise-openapi/manage-key-schemas.json`. */
export function loadSchemas(): Schemas {
  const file = path.resolve(repoRoot, "../shared/connectwise-openapi/manage-key-schemas.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { schemas: Schemas }).schemas;
}

/**
 * Tables checked against a field list instead of their entity's key schema: tables without a
 * client entity, and entities the key-schema file does not carry.
 */
const FIELD_LISTS: Readonly<Partial<Record<TableName, readonly string[]>>> = {
  boardSubtypes: ["id", "name", "inactiveFlag", "board"],
  boardItems: ["id", "name", "inactiveFlag", "board"],
  ticketConfigurations: ["id", "ticketId", "configurationId"],
  agreementTypes: ["id", "name"],
  locations: ["id", "name"],
  departments: ["id", "identifier", "name"],
};

/** Schema of each table (its entity's, from `TABLE_ENTITY`), or the fields it may have. */
export const TABLE_SCHEMAS: Readonly<Record<TableName, string | readonly string[]>> =
  Object.fromEntries(
    (Object.entries(TABLE_ENTITY) as [TableName, string | null][]).map(([table, entity]) => {
      const schema = FIELD_LISTS[table] ?? entity;
      if (schema === null) throw new Error(`table ${table} has neither an entity nor a field list`);
      return [table, schema];
    }),
  ) as Record<TableName, string | readonly string[]>;

/** Link fields the emulator keeps on rows beyond the schema (documented in types.ts). */
export const EXTRA_FIELDS: Readonly<Partial<Record<TableName, readonly string[]>>> = {
  securityRoleSettings: ["roleId"],
  securityRoles: ["customizeItems"],
  additions: ["agreement"],
  apiMembers: ["licenseClass"],
};

/** `"external"` = a reference to something no seed table models; `"embedded"` = child objects. */
type Target = TableName | "external" | "embedded";

const CO = { company: "companies", site: "sites", contact: "contacts" } as const;

/** Where each reference (or numeric link) field of each table points. */
export const REFERENCES: Readonly<Partial<Record<TableName, Readonly<Record<string, Target>>>>> = {
  companies: {
    status: "companyStatuses",
    types: "companyTypes",
    territory: "locations",
    site: "sites",
    defaultContact: "contacts",
  },
  sites: { company: "companies" },
  contacts: { company: "companies", site: "sites", communicationItems: "embedded" },
  configurations: { ...CO, type: "configurationTypes", status: "configurationStatuses" },
  boards: { location: "locations", department: "departments" },
  boardStatuses: { board: "boards" },
  boardTypes: { board: "boards", location: "locations", department: "departments" },
  boardSubtypes: { board: "boards" },
  boardItems: { board: "boards" },
  tickets: {
    ...CO,
    board: "boards",
    status: "boardStatuses",
    type: "boardTypes",
    subType: "boardSubtypes",
    item: "boardItems",
    owner: "members",
    priority: "priorities",
    location: "locations",
    department: "departments",
  },
  ticketNotes: { ticketId: "tickets", member: "members", contact: "contacts" },
  ticketConfigurations: { ticketId: "tickets", configurationId: "configurations" },
  timeEntries: {
    company: "companies",
    member: "members",
    ticket: "tickets",
    chargeToId: "tickets",
  },
  agreements: { ...CO, type: "agreementTypes" },
  additions: { agreementId: "agreements", agreement: "agreements", product: "catalogItems" },
  catalogItems: {
    subcategory: "external",
    type: "external",
    category: "external",
    unitOfMeasure: "external",
    agreementType: "agreementTypes",
  },
  members: {
    securityRole: "securityRoles",
    defaultLocation: "locations",
    defaultDepartment: "departments",
    serviceDefaultBoard: "boards",
  },
  apiMembers: {
    securityRole: "securityRoles",
    defaultLocation: "locations",
    defaultDepartment: "departments",
    serviceDefaultBoard: "boards",
  },
  securityRoleSettings: { roleId: "securityRoles" },
  securityRoles: { customizeItems: "embedded" },
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Problems with ids: non-integer or duplicated ids per table. */
export function idProblems(seed: SeedData): string[] {
  const problems: string[] = [];
  for (const [table, rows] of Object.entries(seed.tables)) {
    const seen = new Set<number>();
    for (const row of rows ?? []) {
      if (!Number.isInteger(row.id) || row.id <= 0)
        problems.push(`${table}: bad id ${String(row.id)}`);
      if (seen.has(row.id)) problems.push(`${table}: duplicate id ${row.id}`);
      seen.add(row.id);
    }
  }
  return problems;
}

function labelOf(row: Entity): string | undefined {
  if (typeof row["name"] === "string") return row["name"];
  if (typeof row["description"] === "string") return row["description"];
  if (typeof row["firstName"] === "string") return `${row["firstName"]} ${String(row["lastName"])}`;
  return undefined;
}

function checkRef(where: string, value: unknown, target: Entity | undefined): string[] {
  if (target === undefined) return [`${where}: points to a missing row`];
  if (!isObject(value)) return [];
  const problems: string[] = [];
  if ("identifier" in value && value["identifier"] !== target["identifier"]) {
    problems.push(
      `${where}: identifier ${String(value["identifier"])} ≠ ${String(target["identifier"])}`,
    );
  }
  if ("name" in value && value["name"] !== labelOf(target)) {
    problems.push(`${where}: name ${String(value["name"])} ≠ ${String(labelOf(target))}`);
  }
  return problems;
}

/**
 * Problems with references: every `{id}`-valued (or array of them) and numeric link field must be
 * declared in {@link REFERENCES} and point to an existing row whose label matches.
 */
export function referenceProblems(seed: SeedData): string[] {
  const index = new Map<string, Map<number, Entity>>();
  for (const [table, rows] of Object.entries(seed.tables)) {
    index.set(table, new Map((rows ?? []).map((row) => [row.id, row])));
  }
  const problems: string[] = [];
  for (const [table, rows] of Object.entries(seed.tables) as [TableName, readonly Entity[]][]) {
    const refs = REFERENCES[table] ?? {};
    for (const row of rows) {
      for (const [field, value] of Object.entries(row)) {
        const where = `${table}#${row.id}.${field}`;
        const target = refs[field];
        const looksLikeRef =
          isObject(value) || (Array.isArray(value) && value.some(isObject)) || field.endsWith("Id");
        if (!looksLikeRef) continue;
        if (target === undefined) {
          problems.push(`${where}: reference field not declared`);
          continue;
        }
        if (target === "external" || target === "embedded") continue;
        const targetRows = index.get(target);
        const values = Array.isArray(value) ? value : [value];
        for (const item of values) {
          const id = typeof item === "number" ? item : isObject(item) ? item["id"] : undefined;
          problems.push(
            ...checkRef(where, item, typeof id === "number" ? targetRows?.get(id) : undefined),
          );
        }
      }
    }
  }
  return problems;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function valueProblem(field: SchemaField, value: unknown, schemas: Schemas): string | undefined {
  const { type } = field;
  if (value === null) return undefined;
  if (type === "string" || type === "string(date-time)") {
    if (typeof value !== "string") return `expected string, got ${typeof value}`;
    if (field.maxLength !== undefined && value.length > field.maxLength)
      return `longer than ${field.maxLength}`;
    if (field.enum !== undefined && !field.enum.includes(value)) return `"${value}" not in enum`;
    if (type === "string(date-time)" && !DATE_TIME.test(value))
      return `"${value}" is not a date-time`;
    return undefined;
  }
  if (type === "boolean") return typeof value === "boolean" ? undefined : "expected boolean";
  if (type === "integer") return Number.isInteger(value) ? undefined : "expected integer";
  if (type === "number") return typeof value === "number" ? undefined : "expected number";
  if (type.startsWith("array<")) return Array.isArray(value) ? undefined : "expected array";
  if (type.startsWith("$ref:")) {
    if (!isObject(value) || typeof value["id"] !== "number") return "expected a reference {id}";
    const refFields = schemas[type.slice(5)];
    const unknown = Object.keys(value).filter(
      (key) => refFields !== undefined && !refFields.some((f) => f.name === key),
    );
    return unknown.length > 0 ? `reference has unknown fields ${unknown.join(",")}` : undefined;
  }
  return undefined;
}

function rowProblems(
  table: TableName,
  row: Entity,
  schemaName: string,
  schemas: Schemas,
): string[] {
  const fields = schemas[schemaName];
  if (fields === undefined) return [`${table}: no schema ${schemaName}`];
  const extras = EXTRA_FIELDS[table] ?? [];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(row)) {
    const field = fields.find((candidate) => candidate.name === name);
    if (field === undefined) {
      if (!extras.includes(name)) problems.push(`${table}#${row.id}.${name}: not in ${schemaName}`);
      continue;
    }
    const problem = valueProblem(field, value, schemas);
    if (problem !== undefined) problems.push(`${table}#${row.id}.${name}: ${problem}`);
  }
  return problems;
}

/** Problems with field names, types, enums, date-times and maxLength per the key schemas. */
export function schemaProblems(seed: SeedData, schemas: Schemas): string[] {
  const problems: string[] = [];
  for (const [table, rows] of Object.entries(seed.tables) as [TableName, readonly Entity[]][]) {
    const schema = TABLE_SCHEMAS[table];
    for (const row of rows) {
      if (typeof schema === "string") {
        problems.push(...rowProblems(table, row, schema, schemas));
      } else {
        const unknown = Object.keys(row).filter((key) => !schema.includes(key));
        if (unknown.length > 0)
          problems.push(`${table}#${row.id}: unknown fields ${unknown.join(",")}`);
      }
    }
  }
  return problems;
}

/** Problems with contacts' communication items against `ContactCommunicationItem`. */
export function communicationItemProblems(seed: SeedData, schemas: Schemas): string[] {
  const fields = schemas["ContactCommunicationItem"] ?? [];
  const problems: string[] = [];
  for (const contact of seed.tables.contacts ?? []) {
    const items = contact["communicationItems"];
    if (!Array.isArray(items)) continue;
    for (const item of items as Record<string, unknown>[]) {
      for (const [name, value] of Object.entries(item)) {
        const field = fields.find((candidate) => candidate.name === name);
        const problem = field === undefined ? "unknown field" : valueProblem(field, value, schemas);
        if (problem !== undefined)
          problems.push(`contacts#${contact.id}.communicationItems.${name}: ${problem}`);
      }
    }
  }
  return problems;
}
