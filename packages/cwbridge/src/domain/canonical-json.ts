/**
 * Canonical JSON: object keys sorted, `undefined` members dropped, so equal values always
 * serialise to the same string (for content hashes and comparisons).
 */

/**
 * Serialises `value` with sorted keys at every depth.
 *
 * @example
 * canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 1 }], c: undefined } }) // '{"a":{"d":[1,{"e":1,"f":2}]},"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? "null";
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) out[key] = sortKeys(member);
  }
  return out;
}
