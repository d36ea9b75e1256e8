/**
 * Field access as ConnectWise does it in conditions, orderBy and fields: names are
 * case-insensitive, nested segments are joined with `/`, and an array on the way fans out
 * (used by childConditions: `communicationItems/value`).
 */

/** The key of `object` matching `name` case-insensitively (exact spelling first). */
export function findKey(object: object, name: string): string | undefined {
  if (Object.hasOwn(object, name)) return name;
  const lower = name.toLowerCase();
  for (const key in object) {
    if (key.length === lower.length && Object.hasOwn(object, key) && key.toLowerCase() === lower)
      return key;
  }
  return undefined;
}

/** The value of one field (case-insensitive); undefined when absent. */
export function getField(value: unknown, name: string): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const direct = (value as Record<string, unknown>)[name];
  // Rows are JSON data: a function can only come from Object.prototype (and `__proto__` is
  // special), so the own-property check is needed only then.
  if (direct !== undefined && typeof direct !== "function" && name !== "__proto__") return direct;
  if (direct !== undefined && Object.hasOwn(value, name)) return direct;
  const key = findKey(value, name);
  return key === undefined ? undefined : (value as Record<string, unknown>)[key];
}

/**
 * All values at `segments` below `root`; arrays met on the way fan out.
 *
 * @example
 * valuesAt({ items: [{ v: 1 }, { v: 2 }] }, ["items", "v"]); // => [1, 2]
 */
export function valuesAt(root: unknown, segments: readonly string[]): unknown[] {
  let current: unknown[] = [root];
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const value of current) {
      if (Array.isArray(value)) {
        for (const item of value) next.push(getField(item, segment));
      } else {
        next.push(getField(value, segment));
      }
    }
    current = next;
  }
  return current.flatMap((value): unknown[] =>
    Array.isArray(value) ? (value as unknown[]) : [value],
  );
}

/** The single value at `segments` (no fan-out); undefined when any step is missing. */
export function valueAt(root: unknown, segments: readonly string[]): unknown {
  let current = root;
  for (const segment of segments) {
    current = getField(current, segment);
    if (current === undefined) return undefined;
  }
  return current;
}

/** Splits `a/b/c` into segments, aliasing a bare `lastUpdated` to `_info/lastUpdated`. */
export function splitPath(path: string): string[] {
  const segments = path.split("/").map((segment) => segment.trim());
  if (segments.length === 1 && segments[0]?.toLowerCase() === "lastupdated") {
    return ["_info", "lastUpdated"];
  }
  return segments;
}
