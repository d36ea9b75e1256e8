/**
 * Every registered use case publishes its input: the HTTP API validates a route's body with the
 * use case's zod schema and publishes it in OpenAPI, so each must convert to a JSON Schema
 * object, refuse unknown keys, and type every top-level field (no `unknown` / any).
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Feature } from "../core/feature.js";
import { inputJsonSchema } from "../core/input-json-schema.js";
import { FEATURES } from "./features.js";

type JsonSchema = Record<string, unknown>;

/** A schema that accepts anything: `{}`, or only annotations (description, default …). */
function isAnyTyped(schema: unknown): boolean {
  if (schema === true) return true;
  if (typeof schema !== "object" || schema === null) return false;
  const typing = ["type", "enum", "const", "anyOf", "oneOf", "allOf", "$ref", "not"];
  return !typing.some((key) => key in schema);
}

const cases = (Object.values(FEATURES) as Feature[]).flatMap((feature) =>
  Object.values(feature.useCases).map((useCase) => ({
    id: `${feature.name}.${useCase.name}`,
    useCase,
  })),
);

describe("use-case input schemas (what the HTTP API publishes)", () => {
  it("every feature registers use cases", () => {
    for (const feature of Object.values(FEATURES) as Feature[]) {
      expect(Object.keys(feature.useCases).length, feature.name).toBeGreaterThan(0);
    }
  });

  it.each(cases)("$id: a strict JSON Schema object, every top-level field typed", ({ useCase }) => {
    expect(useCase.summary.length).toBeGreaterThan(0);
    const schema = inputJsonSchema(useCase) as JsonSchema;
    expect(schema["type"]).toBe("object");
    expect(schema["additionalProperties"]).toBe(false);
    const properties = (schema["properties"] ?? {}) as Record<string, unknown>;
    for (const [field, property] of Object.entries(properties)) {
      expect(isAnyTyped(property), `${field} is typed`).toBe(false);
    }
  });

  it("a field zod cannot represent is an error, unless it has a stand-in", () => {
    const custom = z.custom<Iterable<unknown>>((v) => typeof v === "object");
    const bare = { name: "x", input: z.object({ items: custom }).strict() };
    expect(() => inputJsonSchema(bare)).toThrow(/items \(custom\) has no JSON Schema/);
    const push = FEATURES.devices.useCases.push;
    const devices = (inputJsonSchema(push)["properties"] as Record<string, JsonSchema>)["devices"];
    expect(devices).toMatchObject({ type: "array", items: { type: "object" } });
  });

  it("the check itself catches an unknown-typed field", () => {
    const loose = z.toJSONSchema(z.object({ a: z.unknown() }).strict(), { io: "input" });
    expect(isAnyTyped((loose.properties as Record<string, unknown>)["a"])).toBe(true);
  });
});
