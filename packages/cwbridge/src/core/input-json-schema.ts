/**
 * A use case's input as JSON Schema (what the HTTP API publishes in OpenAPI): zod's
 * `toJSONSchema` of the input side, where a field zod cannot represent (a `z.custom`, e.g. the
 * device stream of a push) is published as the stand-in schema registered for it with
 * {@link publishedAs}. Any other unrepresentable field is an error, never a silent `{}`.
 */
import { z } from "zod";
import type { UseCase } from "./use-case.js";

/** The stand-ins of the fields zod cannot represent. */
const standIns = new WeakMap<object, z.ZodType>();

/** zod types that have no JSON Schema of their own. */
const UNREPRESENTABLE = new Set([
  "custom",
  "date",
  "bigint",
  "symbol",
  "map",
  "set",
  "function",
  "promise",
  "transform",
  "undefined",
  "void",
  "nan",
]);

/**
 * Marks `schema` (a `z.custom` …) to be published as `published` in JSON Schema; parsing still
 * uses `schema`. Mark the final schema (after `.describe()` / `.optional()`, which make new ones).
 *
 * @example
 * devices: publishedAs(z.custom<Iterable<unknown>>(isIterable), z.array(deviceInputSchema))
 */
export function publishedAs<S extends z.ZodType>(schema: S, published: z.ZodType): S {
  standIns.set(schema, published);
  return schema;
}

/**
 * The JSON Schema of a use case's input (`io: "input"`: defaults are optional). Throws when a
 * field has no JSON Schema and no stand-in.
 *
 * @example
 * const body = inputJsonSchema(app.features.sources.useCases.add); // { type: "object", … }
 */
export function inputJsonSchema(useCase: Pick<UseCase, "name" | "input">): Record<string, unknown> {
  // zod visits a described / refined copy's original too: a path is missing only when no
  // schema at it had a stand-in.
  const missing = new Map<string, string>();
  const covered = new Set<string>();
  const schema = z.toJSONSchema(useCase.input, {
    io: "input",
    unrepresentable: "any",
    override: (ctx) => {
      const at = ctx.path.join(".") || "input";
      const standIn = standIns.get(ctx.zodSchema);
      if (standIn !== undefined) {
        const { $schema: _draft, ...published } = z.toJSONSchema(standIn, { io: "input" });
        Object.assign(ctx.jsonSchema, published);
        covered.add(at);
        return;
      }
      const type = ctx.zodSchema._zod.def.type;
      if (UNREPRESENTABLE.has(type)) missing.set(at, type);
    },
  }) as Record<string, unknown>;
  for (const [at, type] of missing) {
    if (!covered.has(at)) {
      throw new Error(
        `use case ${useCase.name}: ${at} (${type}) has no JSON Schema; give it one with publishedAs`,
      );
    }
  }
  return schema;
}
