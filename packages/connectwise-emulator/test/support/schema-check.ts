/**
 * Checks an entity the emulator returned against a key schema of the 2025.16 digest
 * (`manage-key-schemas.json`): every field it returns is a field of the schema, with the
 * schema's type (recursing into references and arrays the digest describes) and enum values.
 */
import type { KeySchemas, SchemaField } from "./api.js";

/** One mismatch: where, and what is wrong. */
export interface SchemaProblem {
  readonly at: string;
  readonly problem: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function checkType(
  schemas: KeySchemas,
  type: string,
  value: unknown,
  at: string,
  out: SchemaProblem[],
): void {
  const fail = (problem: string): void => void out.push({ at, problem });
  const array = /^array<(.+)>$/.exec(type);
  if (array?.[1]) {
    if (!Array.isArray(value)) return fail(`expected ${type}, got ${typeof value}`);
    value.forEach((item, i) => checkType(schemas, array[1] ?? "any", item, `${at}[${i}]`, out));
    return;
  }
  if (type.startsWith("$ref:")) {
    if (!isObject(value)) return fail(`expected ${type}, got ${JSON.stringify(value)}`);
    const name = type.slice("$ref:".length);
    if (schemas[name]) return void checkEntity(schemas, name, value, at, out);
    if (name.endsWith("Reference") && typeof value["id"] !== "number")
      fail(`reference ${name} without a numeric id`);
    return;
  }
  switch (type) {
    case "any":
      return;
    case "string":
      if (typeof value !== "string") fail(`expected string, got ${JSON.stringify(value)}`);
      return;
    case "string(date-time)":
      if (typeof value !== "string" || Number.isNaN(Date.parse(value)))
        fail(`expected a date-time string, got ${JSON.stringify(value)}`);
      return;
    case "integer":
      if (!Number.isSafeInteger(value)) fail(`expected integer, got ${JSON.stringify(value)}`);
      return;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value))
        fail(`expected number, got ${JSON.stringify(value)}`);
      return;
    case "boolean":
      if (typeof value !== "boolean") fail(`expected boolean, got ${JSON.stringify(value)}`);
      return;
    case "object<string,string>":
      if (!isObject(value) || Object.values(value).some((v) => typeof v !== "string"))
        fail(`expected an object of strings, got ${JSON.stringify(value)}`);
      return;
    default:
      fail(`unknown schema type ${type}`);
  }
}

function checkField(
  schemas: KeySchemas,
  field: SchemaField,
  value: unknown,
  at: string,
  out: SchemaProblem[],
): void {
  if (value === null) {
    if (!field.nullable) out.push({ at, problem: "null but the schema field is not nullable" });
    return;
  }
  checkType(schemas, field.type, value, at, out);
  if (field.enum && typeof value === "string" && !field.enum.includes(value)) {
    out.push({ at, problem: `${JSON.stringify(value)} is not one of ${field.enum.join("|")}` });
  }
}

/**
 * Problems of `entity` against schema `name` (empty when it conforms).
 *
 * @example
 * checkEntity(schemas, "Company", { id: 1, name: "Acme" }); // []
 */
export function checkEntity(
  schemas: KeySchemas,
  name: string,
  entity: unknown,
  at = name,
  out: SchemaProblem[] = [],
): SchemaProblem[] {
  const fields = schemas[name];
  if (!fields) {
    out.push({ at, problem: `no key schema ${name}` });
    return out;
  }
  if (!isObject(entity)) {
    out.push({ at, problem: `expected an object, got ${JSON.stringify(entity)}` });
    return out;
  }
  const byName = new Map(fields.map((field) => [field.name, field]));
  for (const [key, value] of Object.entries(entity)) {
    const field = byName.get(key);
    if (!field) out.push({ at: `${at}.${key}`, problem: `not a field of ${name}` });
    else checkField(schemas, field, value, `${at}.${key}`, out);
  }
  return out;
}
