/**
 * Small helpers shared by the resource hooks: default rows, reference ids, raw-body lookups.
 */
import { findKey } from "../field-path.js";
import { referenceTo } from "../references.js";
import type { Store } from "../store.js";
import type { Entity, TableName } from "../types.js";

/** The id of a reference object, if it has one. */
export function refId(value: unknown): number | undefined {
  const id = (value as { id?: unknown } | null | undefined)?.id;
  return typeof id === "number" ? id : undefined;
}

function isActive(row: Entity): boolean {
  return row["inactiveFlag"] !== true && row["inactive"] !== true;
}

/**
 * The row a ConnectWise default would pick: `defaultFlag` first, then the lowest
 * `sortOrder`, then the lowest id; inactive rows are skipped.
 *
 * @example
 * defaultRow(store, "priorities"); // the priority with defaultFlag: true
 */
export function defaultRow(
  store: Store,
  table: TableName,
  where: (row: Entity) => boolean = () => true,
): Entity | undefined {
  const rows = store.table(table).rows.filter((row) => isActive(row) && where(row));
  const flagged = rows.find((row) => row["defaultFlag"] === true);
  if (flagged) return flagged;
  const order = (row: Entity): number =>
    typeof row["sortOrder"] === "number" ? row["sortOrder"] : Number.MAX_SAFE_INTEGER;
  return rows.slice().sort((a, b) => order(a) - order(b) || a.id - b.id)[0];
}

/** Sets `draft[field]` to a reference to the default row when it is absent. */
export function defaultReference(
  store: Store,
  draft: Record<string, unknown>,
  field: string,
  pick: { table: TableName; where?: (row: Entity) => boolean },
): void {
  if (draft[field] !== undefined) return;
  const row = defaultRow(store, pick.table, pick.where);
  if (row) draft[field] = referenceTo(pick.table, row);
}

/** A raw body value by case-insensitive name. */
export function bodyValue(body: Readonly<Record<string, unknown>>, name: string): unknown {
  const key = findKey(body, name);
  return key === undefined ? undefined : body[key];
}
