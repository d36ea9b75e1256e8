/**
 * Contract test: the hand-written schemas against the field facts of
 * `shared/connectwise-openapi/manage-key-schemas.json` — no invented fields, matching JS
 * types, known enum values a subset of the documented ones, and a synthetic full payload
 * (plus an unknown field) parses for every covered schema.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { callbackEntryCreateSchema, callbackEntrySchema } from "./callbacks.js";
import {
  agreementReferenceSchema,
  companyReferenceSchema,
  countSchema,
  customFieldValueSchema,
  departmentReferenceSchema,
  errorResponseMessageSchema,
  ivItemReferenceSchema,
  memberReferenceSchema,
  namedReferenceSchema,
  priorityReferenceSchema,
  serviceStatusReferenceSchema,
  ticketReferenceSchema,
  validationErrorSchema,
} from "./common.js";
import {
  companyCreateSchema,
  companySchema,
  companySiteCreateSchema,
  companySiteSchema,
  companyStatusSchema,
  companyTypeSchema,
} from "./companies.js";
import {
  configurationCreateSchema,
  configurationQuestionSchema,
  configurationSchema,
  configurationStatusCreateSchema,
  configurationStatusSchema,
  configurationTypeCreateSchema,
  configurationTypeSchema,
} from "./configurations.js";
import { contactCommunicationItemSchema, contactCreateSchema, contactSchema } from "./contacts.js";
import { additionCreateSchema, additionSchema, agreementSchema } from "./finance.js";
import type { EntityName } from "../entities.js";
import { knownValues } from "./helpers.js";
import { catalogItemSchema } from "./procurement.js";
import {
  boardSchema,
  boardStatusSchema,
  boardTypeSchema,
  impactSchema,
  prioritySchema,
  severitySchema,
} from "./service.js";
import {
  apiMemberSchema,
  licenseBitSchema,
  memberSchema,
  myMemberSchema,
  mySecurityCustomizeItemSchema,
  mySecuritySchema,
  securityRoleSchema,
  securityRoleSettingSchema,
  systemInfoSchema,
} from "./system.js";
import {
  configurationReferenceSchema,
  serviceNoteCreateSchema,
  serviceNoteSchema,
  ticketCreateSchema,
  ticketSchema,
  ticketSearchBodySchema,
} from "./tickets.js";
import { timeEntryCreateSchema, timeEntrySchema } from "./time.js";

interface FieldFact {
  readonly name: string;
  readonly type: string;
  readonly required?: boolean;
  readonly nullable?: boolean;
  readonly maxLength?: number;
  readonly enum?: readonly string[];
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const keySchemas = (
  JSON.parse(
    readFileSync(
      path.resolve(repoRoot, "../shared/connectwise-openapi/manage-key-schemas.json"),
      "utf8",
    ),
  ) as { schemas: Record<string, FieldFact[]> }
).schemas;

type AnyObject = z.ZodObject<z.core.$ZodShape>;
const asObject = (schema: z.ZodType): AnyObject => schema as unknown as AnyObject;

/**
 * The response schema of every entity of the entity table, by entity (= key-schema) name
 * (entities: `id` must be required); `null` for one checked elsewhere (`Info`, no `id`: in
 * RESPONSE_PARTS) or without key-schema facts (NOT_COVERED). Typed `Record<EntityName, …>`: a
 * new entity missing here fails the type check.
 */
const ENTITY_RESPONSES = {
  Company: asObject(companySchema),
  CompanyType: asObject(companyTypeSchema),
  CompanyStatus: asObject(companyStatusSchema),
  CompanySite: asObject(companySiteSchema),
  Contact: asObject(contactSchema),
  CompanyConfiguration: asObject(configurationSchema),
  ConfigurationType: asObject(configurationTypeSchema),
  ConfigurationStatus: asObject(configurationStatusSchema),
  ConfigurationReference: asObject(configurationReferenceSchema),
  Board: asObject(boardSchema),
  BoardStatus: asObject(boardStatusSchema),
  BoardType: asObject(boardTypeSchema),
  Priority: asObject(prioritySchema),
  Severity: asObject(severitySchema),
  Impact: asObject(impactSchema),
  Ticket: asObject(ticketSchema),
  ServiceNote: asObject(serviceNoteSchema),
  TimeEntry: asObject(timeEntrySchema),
  Member: asObject(memberSchema),
  ApiMember: asObject(apiMemberSchema),
  MyMember: asObject(myMemberSchema),
  MySecurity: asObject(mySecuritySchema),
  MySecurityCustomizeItem: asObject(mySecurityCustomizeItemSchema),
  SecurityRole: asObject(securityRoleSchema),
  SecurityRoleSetting: asObject(securityRoleSettingSchema),
  Agreement: asObject(agreementSchema),
  Addition: asObject(additionSchema),
  CatalogItem: asObject(catalogItemSchema),
  CallbackEntry: asObject(callbackEntrySchema),
  Info: null,
  Report: null,
  BoardSubType: null,
  BoardItem: null,
} satisfies Record<EntityName, AnyObject | null>;

/** The entities whose responses are checked here. */
const RESPONSE_ENTITIES: Record<string, AnyObject> = Object.fromEntries(
  Object.entries(ENTITY_RESPONSES).filter(
    (entry): entry is [string, AnyObject] => entry[1] !== null,
  ),
);

/** Other response shapes covered (no required `id`). */
const RESPONSE_PARTS: Record<string, AnyObject> = {
  Info: asObject(systemInfoSchema),
  LicenseBit: asObject(licenseBitSchema),
  ContactCommunicationItem: asObject(contactCommunicationItemSchema),
  ConfigurationQuestion: asObject(configurationQuestionSchema),
  CustomFieldValue: asObject(customFieldValueSchema),
  ErrorResponseMessage: asObject(errorResponseMessageSchema),
  ValidationError: asObject(validationErrorSchema),
  Count: asObject(countSchema),
  FilterValues: asObject(ticketSearchBodySchema),
  CompanyReference: asObject(companyReferenceSchema),
  SystemDepartmentReference: asObject(departmentReferenceSchema),
  MemberReference: asObject(memberReferenceSchema),
  ServiceStatusReference: asObject(serviceStatusReferenceSchema),
  PriorityReference: asObject(priorityReferenceSchema),
  IvItemReference: asObject(ivItemReferenceSchema),
  AgreementReference: asObject(agreementReferenceSchema),
  TicketReference: asObject(ticketReferenceSchema),
  BoardReference: asObject(namedReferenceSchema),
  SiteReference: asObject(namedReferenceSchema),
  ContactReference: asObject(namedReferenceSchema),
  SystemLocationReference: asObject(namedReferenceSchema),
  SecurityRoleReference: asObject(namedReferenceSchema),
  CompanyStatusReference: asObject(namedReferenceSchema),
  CompanyTypeReference: asObject(namedReferenceSchema),
  ConfigurationTypeReference: asObject(namedReferenceSchema),
  ConfigurationStatusReference: asObject(namedReferenceSchema),
  AgreementTypeReference: asObject(namedReferenceSchema),
  ServiceTypeReference: asObject(namedReferenceSchema),
  ServiceSubTypeReference: asObject(namedReferenceSchema),
  ServiceItemReference: asObject(namedReferenceSchema),
};

/** Create bodies covered, with the key schema whose fields they may use. */
const CREATE_BODIES: readonly (readonly [string, string, AnyObject])[] = [
  ["TicketCreate", "Ticket", asObject(ticketCreateSchema)],
  ["ServiceNoteCreate", "ServiceNote", asObject(serviceNoteCreateSchema)],
  ["CompanyCreate", "Company", asObject(companyCreateSchema)],
  ["CompanySiteCreate", "CompanySite", asObject(companySiteCreateSchema)],
  ["ContactCreate", "Contact", asObject(contactCreateSchema)],
  ["ConfigurationCreate", "CompanyConfiguration", asObject(configurationCreateSchema)],
  ["ConfigurationTypeCreate", "ConfigurationType", asObject(configurationTypeCreateSchema)],
  ["ConfigurationStatusCreate", "ConfigurationStatus", asObject(configurationStatusCreateSchema)],
  ["TimeEntryCreate", "TimeEntry", asObject(timeEntryCreateSchema)],
  ["AdditionCreate", "Addition", asObject(additionCreateSchema)],
  ["CallbackEntryCreate", "CallbackEntry", asObject(callbackEntryCreateSchema)],
];

/** Schemas without a key schema (not checked here; listed so the gap is visible). */
const NOT_COVERED = ["BoardSubType", "BoardItem", "CompanyInfo", "Report"] as const;

type Kind = "integer" | "number" | "string" | "boolean" | "object" | "array" | "record" | "unknown";

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.core.$ZodType };
    if ((def.type === "optional" || def.type === "nullable") && def.innerType)
      current = def.innerType;
    else return current;
  }
}

function kindOf(schema: z.core.$ZodType): Kind | "mixed" {
  const inner = unwrap(schema);
  const def = inner._zod.def as { type: string; options?: readonly z.core.$ZodType[] };
  switch (def.type) {
    case "number":
      return (inner as unknown as { format?: string | null }).format?.includes("int")
        ? "integer"
        : "number";
    case "string":
    case "boolean":
    case "object":
    case "array":
    case "record":
    case "unknown":
      return def.type;
    case "union": {
      const kinds = new Set((def.options ?? []).map(kindOf));
      return kinds.size === 1 ? [...kinds][0]! : "mixed";
    }
    default:
      return "mixed";
  }
}

function expectedKinds(type: string): readonly Kind[] {
  if (type === "integer") return ["integer"];
  if (type === "number") return ["number", "integer"];
  if (type === "string" || type === "string(date-time)") return ["string"];
  if (type === "boolean") return ["boolean"];
  if (type === "any") return ["unknown"];
  if (type.startsWith("$ref:")) return ["object"];
  if (type.startsWith("array<")) return ["array"];
  if (type.startsWith("object<")) return ["record", "object"];
  return [];
}

function refName(type: string): string | undefined {
  const match = /^(?:array<)?\$ref:([A-Za-z]+)>?$/.exec(type);
  return match?.[1];
}

function elementOf(schema: z.core.$ZodType): z.core.$ZodType {
  const inner = unwrap(schema);
  const def = inner._zod.def as { type: string; element?: z.core.$ZodType };
  return def.type === "array" && def.element ? unwrap(def.element) : inner;
}

/** Every mismatch between a schema and its key schema (recursing into known references). */
function contractProblems(keyName: string, schema: AnyObject, where = keyName): string[] {
  const facts = keySchemas[keyName];
  if (!facts) return [`${where}: no key schema ${keyName}`];
  const byName = new Map(facts.map((fact) => [fact.name, fact]));
  const problems: string[] = [];
  for (const [field, fieldSchema] of Object.entries(schema.shape)) {
    const fact = byName.get(field);
    if (!fact) {
      problems.push(`${where}.${field}: not in key schema ${keyName}`);
      continue;
    }
    const kind = kindOf(fieldSchema);
    if (!expectedKinds(fact.type).includes(kind as Kind)) {
      problems.push(`${where}.${field}: ${kind} does not fit ${fact.type}`);
    }
    const known = knownValues(unwrap(fieldSchema));
    if (known && fact.enum) {
      for (const value of known) {
        if (!fact.enum.includes(value))
          problems.push(`${where}.${field}: enum value ${value} invented`);
      }
    }
    const nested = refName(fact.type);
    const element = elementOf(fieldSchema);
    if (nested && keySchemas[nested] && (element._zod.def as { type: string }).type === "object") {
      problems.push(
        ...contractProblems(nested, element as unknown as AnyObject, `${where}.${field}`),
      );
    }
  }
  return problems;
}

const SAMPLE_DATE = "2025-06-02T14:03:11Z";

function sampleValue(fact: FieldFact, depth: number): unknown {
  const { type } = fact;
  if (type === "integer") return 1;
  if (type === "number") return 1.5;
  if (type === "boolean") return true;
  if (type === "string") return fact.enum?.[0] ?? "x";
  if (type === "string(date-time)") return SAMPLE_DATE;
  if (type === "any") return "x";
  if (type.startsWith("object<")) return { lastUpdated: SAMPLE_DATE };
  if (type === "array<integer>") return [1, 2];
  if (type === "array<string>") return ["x"];
  const nested = refName(type);
  const item =
    nested && keySchemas[nested] && depth < 3
      ? samplePayload(nested, depth + 1)
      : { id: 1, name: "x" };
  return type.startsWith("array<") ? [item] : item;
}

/** A value of the right type for every field of the key schema, plus an unknown field. */
function samplePayload(keyName: string, depth = 0): Record<string, unknown> {
  const payload: Record<string, unknown> = { unexpectedFutureField: { nested: [1] } };
  for (const fact of keySchemas[keyName] ?? []) payload[fact.name] = sampleValue(fact, depth);
  return payload;
}

/** The full payload with `null` in every field the facts mark nullable (except `id`). */
function nullPayload(keyName: string): Record<string, unknown> {
  const payload = samplePayload(keyName);
  for (const fact of keySchemas[keyName] ?? []) {
    if (fact.nullable && fact.name !== "id") payload[fact.name] = null;
  }
  return payload;
}

describe("schemas match manage-key-schemas.json", () => {
  it("lists the covered schemas (and the ones without a key schema)", () => {
    const covered = [
      ...Object.keys(RESPONSE_ENTITIES),
      ...Object.keys(RESPONSE_PARTS),
      ...CREATE_BODIES.map(([name]) => name),
    ];
    expect(covered.length).toBeGreaterThanOrEqual(70);
    for (const name of NOT_COVERED) expect(keySchemas[name]).toBeUndefined();
  });

  it("every entity left out of RESPONSE_ENTITIES is checked as a part or has no key schema", () => {
    const skipped = Object.entries(ENTITY_RESPONSES)
      .filter(([, schema]) => schema === null)
      .map(([name]) => name);
    const elsewhere = [...Object.keys(RESPONSE_PARTS), ...NOT_COVERED];
    expect(skipped.filter((name) => !elsewhere.includes(name))).toEqual([]);
  });

  const responses = { ...RESPONSE_ENTITIES, ...RESPONSE_PARTS };
  describe.each(Object.entries(responses))("%s", (keyName, schema) => {
    it("declares only documented fields, with matching types and enum values", () => {
      expect(contractProblems(keyName, schema)).toEqual([]);
    });

    it("parses a full synthetic payload and keeps unknown fields", () => {
      const result = schema.safeParse(samplePayload(keyName));
      expect(result.success ? [] : result.error.issues).toEqual([]);
      expect(result.data).toHaveProperty("unexpectedFutureField", { nested: [1] });
    });

    it("accepts null in every field the facts mark nullable", () => {
      const result = schema.safeParse(nullPayload(keyName));
      expect(result.success ? [] : result.error.issues).toEqual([]);
    });
  });

  it.each(Object.entries(RESPONSE_ENTITIES))("%s requires id on responses", (_name, schema) => {
    expect(schema.safeParse({}).success).toBe(false);
    expect(schema.safeParse({ id: 1 }).success).toBe(true);
  });

  describe.each(CREATE_BODIES)("%s", (_name, keyName, schema) => {
    it(`uses only fields of ${keyName}`, () => {
      expect(contractProblems(keyName, schema)).toEqual([]);
    });

    it("accepts a full synthetic payload", () => {
      const result = schema.safeParse(samplePayload(keyName));
      expect(result.success ? [] : result.error.issues).toEqual([]);
    });

    it("rejects a body without the fields required on create", () => {
      const required = (keySchemas[keyName] ?? []).filter(
        (fact) => fact.required && fact.name in schema.shape,
      );
      for (const fact of required) {
        const body = samplePayload(keyName);
        delete body[fact.name];
        expect(schema.safeParse(body).success, `${keyName} without ${fact.name}`).toBe(false);
      }
    });
  });
});
