/**
 * Building blocks of the entity schemas: tolerant objects, tolerant enums and the optional /
 * nullable field shapes ConnectWise responses use. zod is only imported under `src/schemas`.
 */
import { z } from "zod";

/**
 * An object schema that keeps unknown fields at runtime (`z.looseObject`) but whose inferred
 * type lists only the declared fields (no index signature), so `conditionsFor<T>()` and
 * editors see the real field names. Fields ConnectWise adds in a later version never fail
 * parsing and are passed through untouched.
 *
 * @example
 * const site = entityObject({ id: z.int(), name: z.string().optional() });
 * site.parse({ id: 1, brandNewField: true }); // → { id: 1, brandNewField: true }
 */
export function entityObject<S extends z.core.$ZodLooseShape>(
  shape: S,
): z.ZodObject<S, z.core.$strip> {
  // Loose at runtime; the declared `$strip` config keeps the catch-all out of `z.infer`.
  return z.looseObject(shape);
}

const knownValuesBySchema = new WeakMap<object, readonly string[]>();

/** A string whose known values are `T`, but which accepts any other string too. */
export type OpenEnum<T extends string> = T | (string & {});

/**
 * A tolerant enum: typed as the known values (with editor completion) but accepting any
 * string at runtime, so a value a newer ConnectWise version adds does not crash parsing.
 *
 * @example
 * const severity = openEnum(["Low", "Medium", "High"]);
 * severity.parse("Critical"); // → "Critical" (tolerated)
 */
export function openEnum<const T extends readonly [string, ...string[]]>(
  values: T,
): z.ZodType<OpenEnum<T[number]>, OpenEnum<T[number]>> {
  const schema = z.string().describe(`Known values: ${values.join(", ")}`);
  knownValuesBySchema.set(schema, values);
  return schema;
}

/**
 * The known values of a schema built by `openEnum`, or `undefined` for any other schema.
 *
 * @example
 * knownValues(openEnum(["A", "B"])); // → ["A", "B"]
 */
export function knownValues(schema: z.core.$ZodType): readonly string[] | undefined {
  return knownValuesBySchema.get(schema);
}

/** Optional string (absent, never `null` per the spec). */
export const optionalString = z.string().optional();
/** Optional string that may also be `null`. */
export const nullableString = z.string().nullish();
/** Optional integer. */
export const optionalInteger = z.int().optional();
/** Optional integer that may also be `null`. */
export const nullableInteger = z.int().nullish();
/** Optional decimal that may also be `null`. */
export const nullableNumber = z.number().nullish();
/** Optional boolean. */
export const optionalBoolean = z.boolean().optional();
/** Optional boolean that may also be `null`. */
export const nullableBoolean = z.boolean().nullish();
/** Optional list of integers (ids). */
export const optionalIntegerList = z.array(z.int()).optional();
/** Optional list of strings. */
export const optionalStringList = z.array(z.string()).optional();
