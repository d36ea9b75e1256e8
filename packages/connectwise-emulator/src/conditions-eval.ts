/**
 * Compiles a parsed conditions AST into a predicate over entities, with ConnectWise's
 * semantics: case-insensitive field names and string comparisons, `/` paths, `like` with
 * `*`/`%` wildcards, `contains`, `in`, `null`, dates as instants, booleans.
 */
import type { Comparison, Expr, Literal } from "@cwbridge/connectwise/conditions";
import { splitPath, valueAt, valuesAt } from "./field-path.js";
import { compileLike, matchLike } from "./wildcard.js";

/** A compiled filter. */
export type Predicate = (row: unknown) => boolean;

/** Thrown for a field the resource does not have, or a literal that cannot be used. */
export class ConditionsFieldError extends Error {
  override readonly name = "ConditionsFieldError";
  readonly code = "CW_EMULATOR_CONDITIONS_FIELD";
}

export interface CompileOptions {
  /** Whether the first segment of a path names a field of the resource. */
  readonly isKnownField: (first: string) => boolean;
  /** Fan out over arrays met along a path (childConditions). */
  readonly fanOut?: boolean;
}

type Test = (value: unknown) => boolean;

const instant = (value: unknown): number =>
  typeof value === "string" ? Date.parse(value) : Number.NaN;

function dateOf(literal: Extract<Literal, { kind: "date" }>): number {
  const time = Date.parse(literal.value);
  if (Number.isNaN(time)) throw new ConditionsFieldError(`Invalid date [${literal.value}]`);
  return time;
}

function equals(literal: Literal): Test {
  switch (literal.kind) {
    case "null":
      return (v) => v === null || v === undefined;
    case "boolean":
      return (v) =>
        v === literal.value || (typeof v === "string" && v.toLowerCase() === String(literal.value));
    case "number":
      return (v) =>
        v === literal.value ||
        (typeof v === "string" && v.trim() !== "" && Number(v) === literal.value);
    case "date": {
      const time = dateOf(literal);
      return (v) => instant(v) === time;
    }
    case "string": {
      const lower = literal.value.toLowerCase();
      return (v) =>
        (typeof v === "string" || typeof v === "number" || typeof v === "boolean") &&
        String(v).toLowerCase() === lower;
    }
    case "list":
      throw new ConditionsFieldError("A list is only valid with in");
  }
}

function ordering(op: "<" | "<=" | ">" | ">=", literal: Literal): Test {
  const accept = (c: number): boolean =>
    op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0;
  if (literal.kind === "number") {
    return (v) => (typeof v === "number" ? accept(v - literal.value) : false);
  }
  if (literal.kind === "date") {
    const time = dateOf(literal);
    return (v) => {
      const t = instant(v);
      return !Number.isNaN(t) && accept(t - time);
    };
  }
  if (literal.kind === "string") {
    const lower = literal.value.toLowerCase();
    return (v) => {
      if (typeof v !== "string") return false;
      const text = v.toLowerCase();
      return accept(text < lower ? -1 : text > lower ? 1 : 0);
    };
  }
  throw new ConditionsFieldError(`Operator ${op} needs a number, string or date`);
}

function textOf(literal: Literal): string {
  if (literal.kind === "string") return literal.value;
  if (literal.kind === "number") return String(literal.value);
  throw new ConditionsFieldError("like and contains need a string");
}

function testFor(cmp: Comparison): Test {
  switch (cmp.op) {
    case "=":
      return equals(cmp.value);
    case "!=": {
      const eq = equals(cmp.value);
      return (v) => !eq(v);
    }
    case "like": {
      const like = compileLike(textOf(cmp.value));
      return (v) => (typeof v === "string" || typeof v === "number") && matchLike(like, String(v));
    }
    case "contains": {
      const needle = textOf(cmp.value).toLowerCase();
      return (v) => typeof v === "string" && v.toLowerCase().includes(needle);
    }
    case "in": {
      if (cmp.value.kind !== "list") throw new ConditionsFieldError("in needs a list");
      const tests = cmp.value.items.map(equals);
      return (v) => tests.some((test) => test(v));
    }
    case "<":
    case "<=":
    case ">":
    case ">=":
      return ordering(cmp.op, cmp.value);
  }
}

function compileComparison(cmp: Comparison, options: CompileOptions): Predicate {
  const segments = splitPath(cmp.field);
  const first = segments[0] ?? "";
  if (segments.some((s) => s === "") || !options.isKnownField(first)) {
    throw new ConditionsFieldError(`Unknown field '${cmp.field}'`);
  }
  const test = testFor(cmp);
  const negate = cmp.not === true;
  if (options.fanOut) {
    return (row) => valuesAt(row, segments).some(test) !== negate;
  }
  return (row) => test(valueAt(row, segments)) !== negate;
}

/**
 * Compiles `expr` into a predicate; throws {@link ConditionsFieldError} for unknown fields.
 *
 * @example
 * const match = compileConditions(parseConditions('name like "acme*"'), { isKnownField: () => true });
 * match({ name: "ACME Corp" }); // => true
 */
export function compileConditions(expr: Expr, options: CompileOptions): Predicate {
  switch (expr.kind) {
    case "cmp":
      return compileComparison(expr, options);
    case "not": {
      const inner = compileConditions(expr.expr, options);
      return (row) => !inner(row);
    }
    case "and": {
      const items = expr.items.map((item) => compileConditions(item, options));
      return (row) => items.every((item) => item(row));
    }
    case "or": {
      const items = expr.items.map((item) => compileConditions(item, options));
      return (row) => items.some((item) => item(row));
    }
  }
}
