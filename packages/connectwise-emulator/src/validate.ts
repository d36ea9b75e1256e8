/**
 * Turns a request body into a stored draft by the resource's field rules: type checks,
 * maxLength, required fields (on create, and again on PUT), reference resolution. Unknown
 * fields are ignored like ConnectWise does; read-only fields in bodies are ignored too.
 */
import { issue, type ValidationIssue } from "./errors.js";
import { findKey } from "./field-path.js";
import type { FieldRule } from "./field-rules.js";
import { resolveReference } from "./references.js";
import type { AuthMember, ResourceDef } from "./resource-def.js";
import type { Store } from "./store.js";
import type { Entity } from "./types.js";

type Check = (rule: FieldRule, value: unknown) => boolean;

const CHECKS: Partial<Record<FieldRule["kind"], Check>> = {
  string: (_, v) => typeof v === "string",
  number: (_, v) => typeof v === "number" && Number.isFinite(v),
  integer: (_, v) => typeof v === "number" && Number.isSafeInteger(v),
  boolean: (_, v) => typeof v === "boolean",
  date: (_, v) => typeof v === "string" && !Number.isNaN(Date.parse(v)),
  enum: (rule, v) => typeof v === "string" && (rule.values ?? []).includes(v),
  array: (_, v) => Array.isArray(v),
  object: (_, v) => v !== null && typeof v === "object" && !Array.isArray(v),
};

const KIND_NAMES: Readonly<Record<FieldRule["kind"], string>> = {
  string: "string",
  number: "number",
  integer: "integer",
  boolean: "boolean",
  date: "date-time (yyyy-MM-ddTHH:mm:ssZ)",
  enum: "value",
  ref: "reference",
  refs: "list of references",
  array: "array",
  object: "object",
};

interface DraftContext {
  readonly def: ResourceDef;
  readonly store: Store;
  readonly issues: ValidationIssue[];
  /** The body being validated (for reference scopes); set by buildDraft. */
  readonly body?: Readonly<Record<string, unknown>>;
  /** The stored row on an update (for reference scopes). */
  readonly previous?: Entity | undefined;
  /** The authenticated member (for reference scopes, e.g. a default board). */
  readonly member?: AuthMember | undefined;
}

function invalid(ctx: DraftContext, rule: FieldRule): void {
  const allowed = rule.values ? ` (one of ${rule.values.join(", ")})` : "";
  ctx.issues.push(
    issue(
      "InvalidField",
      ctx.def.resource,
      rule.name,
      `The field ${rule.name} must be a ${KIND_NAMES[rule.kind]}${allowed}.`,
    ),
  );
}

function referenceValue(ctx: DraftContext, rule: FieldRule, value: unknown): unknown {
  if (rule.table === undefined) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) invalid(ctx, rule);
    return value;
  }
  const scope = ctx.body
    ? ctx.def.referenceScope?.(rule.name, {
        body: ctx.body,
        store: ctx.store,
        previous: ctx.previous,
        member: ctx.member,
      })
    : undefined;
  const target = { table: rule.table, resource: ctx.def.resource, field: rule.name, scope };
  const resolved = resolveReference(ctx.store, target, value);
  if ("issue" in resolved) ctx.issues.push(resolved.issue);
  return "ref" in resolved ? resolved.ref : undefined;
}

function fieldValue(ctx: DraftContext, rule: FieldRule, value: unknown): unknown {
  if (rule.kind === "ref") return referenceValue(ctx, rule, value);
  if (rule.kind === "refs") {
    if (!Array.isArray(value)) {
      invalid(ctx, rule);
      return undefined;
    }
    return value.map((item: unknown) => referenceValue(ctx, rule, item));
  }
  const check = CHECKS[rule.kind];
  if (check && !check(rule, value)) {
    invalid(ctx, rule);
    return undefined;
  }
  if (rule.maxLength !== undefined && typeof value === "string" && value.length > rule.maxLength) {
    ctx.issues.push(
      issue(
        "MaxLengthField",
        ctx.def.resource,
        rule.name,
        `The field ${rule.name} must be a string with a maximum length of ${rule.maxLength}.`,
      ),
    );
  }
  return value;
}

/**
 * Builds the stored draft of `body` (create or full update) and collects issues.
 *
 * @example
 * const issues: ValidationIssue[] = [];
 * const draft = buildDraft({ def, store, issues }, { summary: "Disk full", company: { id: 2 } }, "create");
 */
export function buildDraft(
  ctx: DraftContext,
  body: Readonly<Record<string, unknown>>,
  mode: "create" | "update",
): Record<string, unknown> {
  const draft: Record<string, unknown> = {};
  const scoped: DraftContext = { ...ctx, body };
  for (const rule of ctx.def.fields) {
    if (rule.readOnly) continue;
    const key = findKey(body, rule.name);
    const value = key === undefined ? undefined : body[key];
    if (value === undefined || value === null) {
      const required = mode === "create" ? rule.required : rule.requiredOnUpdate;
      if (required) {
        ctx.issues.push(
          issue("NullValue", ctx.def.resource, rule.name, `The field ${rule.name} is required.`),
        );
      }
      continue;
    }
    const stored = fieldValue(scoped, rule, value);
    if (stored !== undefined) draft[rule.name] = stored;
  }
  return draft;
}
