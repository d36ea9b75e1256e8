/**
 * The response view of stored rows: references expanded with hrefs, then the `fields`
 * selection. Only the returned page is copied (never whole tables).
 */
import type { ApiScope } from "./api-scope.js";
import type { FieldRule } from "./field-rules.js";
import { presentRow, type ExpandCache } from "./references.js";
import type { ResourceDef } from "./resource-def.js";
import { RESOURCES } from "./resources.js";
import { parseFields, selectFields } from "./select-fields.js";
import { apiBase, type EmulatorState } from "./state.js";
import type { Entity, TableName } from "./types.js";

const REF_RULES = new WeakMap<ResourceDef, readonly FieldRule[]>();

function refRules(def: ResourceDef): readonly FieldRule[] {
  let rules = REF_RULES.get(def);
  if (!rules) {
    rules = def.fields.filter(
      (rule) => (rule.kind === "ref" || rule.kind === "refs") && rule.table !== undefined,
    );
    REF_RULES.set(def, rules);
  }
  return rules;
}

/** The resource definition serving `table` (first match). */
export function defForTable(table: TableName): ResourceDef | undefined {
  return RESOURCES.find((def) => def.table === table);
}

/** One row as the API returns it (no field selection). */
export function presentEntity(
  state: EmulatorState,
  def: ResourceDef,
  row: Entity,
  cache?: ExpandCache,
): Record<string, unknown> & { id: number } {
  const ctx = { store: state.store, apiBase: apiBase(state), cache };
  const out = presentRow(ctx, refRules(def), row) as Record<string, unknown> & { id: number };
  for (const field of def.hidden ?? []) delete out[field];
  return out;
}

/**
 * Rows as the API returns them, honouring `fields`.
 *
 * @example
 * presentRows(scope, ticketDef, page);
 */
export function presentRows(
  scope: ApiScope,
  def: ResourceDef,
  rows: readonly Entity[],
): Record<string, unknown>[] {
  const fields = scope.query["fields"];
  const selection = fields?.trim() ? parseFields(fields) : undefined;
  const cache: ExpandCache = new Map();
  return rows.map((row) => {
    const out = presentEntity(scope.state, def, row, cache);
    return selection ? selectFields(out, selection) : out;
  });
}
