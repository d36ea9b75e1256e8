/**
 * Reference fields: resolving `{id}` / `{identifier}` / `{name}` in bodies against the tables,
 * and expanding stored references for responses (`{id, name|identifier, _info:{x_href}}`).
 */
import { issue, type ValidationIssue } from "./errors.js";
import type { FieldRule } from "./field-rules.js";
import type { Store } from "./store.js";
import { TABLE_META } from "./table-meta.js";
import type { Entity, TableName } from "./types.js";

export type Resolved =
  { readonly ref: Record<string, unknown> } | { readonly issue: ValidationIssue };

function findByKey(
  store: Store,
  target: { readonly table: TableName; readonly scope?: ((row: Entity) => boolean) | undefined },
  key: string,
  text: string,
): Entity | undefined {
  const lower = text.toLowerCase();
  return store.table(target.table).rows.find((row) => {
    if (target.scope && !target.scope(row)) return false;
    const value = row[key];
    return typeof value === "string" && value.toLowerCase() === lower;
  });
}

/** The reference object stored for a row: `{id, ...labels}`. */
export function referenceTo(table: TableName, row: Entity): Record<string, unknown> {
  return { id: row.id, ...TABLE_META[table].refOf(row) };
}

/**
 * Resolves one reference value from a body.
 *
 * @example
 * resolveReference(store, { table: "companies", resource: "ticket", field: "company" }, { identifier: "Acme" });
 */
export function resolveReference(
  store: Store,
  target: {
    readonly table: TableName;
    readonly resource: string;
    readonly field: string;
    /** Narrows the lookup, by id too (e.g. statuses of the ticket's board). */
    readonly scope?: ((row: Entity) => boolean) | undefined;
  },
  value: unknown,
): Resolved {
  const { table, resource, field } = target;
  const meta = TABLE_META[table];
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return {
      issue: issue(
        "InvalidField",
        resource,
        field,
        `The field ${field} must be a reference object like {"id": 1}.`,
      ),
    };
  }
  const body = value as Record<string, unknown>;
  if (body["id"] !== undefined && body["id"] !== null) {
    const id = body["id"];
    const found = typeof id === "number" && Number.isInteger(id) ? store.get(table, id) : undefined;
    const row = found && target.scope && !target.scope(found) ? undefined : found;
    if (!row)
      return {
        issue: issue(
          "NotFound",
          resource,
          `${field}/id`,
          `${meta.label} ${JSON.stringify(id)} not found.`,
        ),
      };
    return { ref: referenceTo(table, row) };
  }
  for (const key of ["identifier", "name"]) {
    const text = body[key];
    if (typeof text !== "string") continue;
    const lookup = meta.keys.includes(key) ? key : meta.keys[0];
    const row = lookup === undefined ? undefined : findByKey(store, target, lookup, text);
    if (!row)
      return {
        issue: issue("NotFound", resource, `${field}/${key}`, `${meta.label} '${text}' not found.`),
      };
    return { ref: referenceTo(table, row) };
  }
  return {
    issue: issue("NullValue", resource, `${field}/id`, `The field ${field}/id is required.`),
  };
}

/**
 * Per-response cache of expanded references (the same company or status repeats on every
 * row of a page). Safe because responses are serialised at once and never mutated.
 */
export type ExpandCache = Map<string, unknown>;

interface ExpandContext {
  readonly store: Store;
  readonly apiBase: string;
  readonly cache: ExpandCache | undefined;
}

/** Expands a stored reference for a response (current labels plus `_info.<field>_href`). */
function expandOne(ctx: ExpandContext, rule: FieldRule, value: unknown): unknown {
  if (rule.table === undefined || value === null || typeof value !== "object") return value;
  const id = (value as Record<string, unknown>)["id"];
  if (typeof id !== "number") return value;
  const cacheKey = `${rule.name}:${id}`;
  const cached = ctx.cache?.get(cacheKey);
  if (cached !== undefined) return cached;
  const row = ctx.store.get(rule.table, id);
  if (!row) return value;
  const expanded = {
    ...referenceTo(rule.table, row),
    _info: { [`${rule.name}_href`]: `${ctx.apiBase}${TABLE_META[rule.table].path(row)}` },
  };
  ctx.cache?.set(cacheKey, expanded);
  return expanded;
}

/** A response copy of `row`: references expanded, `_info` copied. */
export function presentRow(
  ctx: ExpandContext,
  refRules: readonly FieldRule[],
  row: Entity,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  for (const rule of refRules) {
    const value = out[rule.name];
    if (value === undefined || value === null) continue;
    out[rule.name] =
      rule.kind === "refs" && Array.isArray(value)
        ? value.map((item: unknown) => expandOne(ctx, rule, item))
        : expandOne(ctx, rule, value);
  }
  if (row["_info"] && typeof row["_info"] === "object") out["_info"] = { ...row["_info"] };
  return out;
}
