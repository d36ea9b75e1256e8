/**
 * `orderBy=field asc|desc[, ...]` parsing and sorting (nulls first ascending, strings
 * case-insensitive, id as the final tie-break so pages are stable).
 */
import { splitPath, valueAt } from "./field-path.js";

export interface SortKey {
  readonly segments: readonly string[];
  readonly desc: boolean;
}

/** Thrown for an orderBy clause that is not `field [asc|desc]`. */
export class OrderByError extends Error {
  override readonly name = "OrderByError";
  readonly code = "CW_EMULATOR_ORDER_BY";
}

/**
 * Parses an orderBy value.
 *
 * @example
 * parseOrderBy("company/name asc, id desc", () => true);
 */
export function parseOrderBy(text: string, isKnownField: (first: string) => boolean): SortKey[] {
  return text
    .split(",")
    .map((clause) => clause.trim())
    .filter((clause) => clause !== "")
    .map((clause) => {
      const [field = "", direction = "asc", ...rest] = clause.split(/\s+/);
      const dir = direction.toLowerCase();
      if (rest.length > 0 || (dir !== "asc" && dir !== "desc") || !/^[\w/]+$/.test(field)) {
        throw new OrderByError(`Invalid orderBy clause '${clause}'`);
      }
      const segments = splitPath(field);
      if (!isKnownField(segments[0] ?? "")) throw new OrderByError(`Unknown field '${field}'`);
      return { segments, desc: dir === "desc" };
    });
}

function rank(value: unknown): [number, number | string] {
  if (value === null || value === undefined) return [0, 0];
  if (typeof value === "number") return [1, value];
  if (typeof value === "boolean") return [1, value ? 1 : 0];
  if (typeof value === "string") return [2, value.toLowerCase()];
  return [3, JSON.stringify(value)];
}

function compare(a: unknown, b: unknown): number {
  const [ta, va] = rank(a);
  const [tb, vb] = rank(b);
  if (ta !== tb) return ta - tb;
  return va < vb ? -1 : va > vb ? 1 : 0;
}

/** Sorts rows (a new array) by the keys, then by id. */
export function sortRows<T extends { id: number }>(
  rows: readonly T[],
  keys: readonly SortKey[],
): T[] {
  if (keys.length === 0) return rows.slice();
  const decorated = rows.map((row) => ({ row, values: keys.map((k) => valueAt(row, k.segments)) }));
  decorated.sort((x, y) => {
    for (let i = 0; i < keys.length; i += 1) {
      const c = compare(x.values[i], y.values[i]);
      if (c !== 0) return keys[i]?.desc ? -c : c;
    }
    return x.row.id - y.row.id;
  });
  return decorated.map((d) => d.row);
}
