/**
 * Compiles a parsed conditions AST into a predicate over entities, with ConnectWise's
 * semantics: case-insensitive field names and string comparisons, `/` paths, `like` with
 * `*`/`%` wildcards, `contains`, `in`, `null`, dates as instants, booleans.
 */
import type { Comparison, Expr, Literal } from "@cwbridge/connectwise/conditions";
import { getField, splitPath, valueAt, valuesAt } from "./field-path.js";
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

/** `yyyy-MM-ddTHH:mm:ssZ`: for these, string order is time order (no Date.parse per row). */
const isCanonical = (text: string): boolean =>
  text.length === 20 && text.charCodeAt(19) === 90 && text.charCodeAt(10) === 84;

const canonicalOf = (time: number): string | undefined => {
  const text = new Date(time).toISOString().replace(/\.000Z$/, "Z");
  return isCanonical(text) ? text : undefined;
};

/** Compares a row value with a date literal: negative, 0, positive, or NaN when not a date. */
function dateComparer(time: number): (value: unknown) => number {
  const canonical = canonicalOf(time);
  return (value) => {
    if (typeof value !== "string") return Number.NaN;
    if (canonical !== undefined && isCanonical(value))
      return value < canonical ? -1 : value > canonical ? 1 : 0;
    return Date.parse(value) - time;
  };
}

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
      const compare = dateComparer(dateOf(literal));
      return (v) => compare(v) === 0;
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
    const compare = dateComparer(dateOf(literal));
    return (v) => {
      const c = compare(v);
      return !Number.isNaN(c) && accept(c);
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
  const read = accessor(segments);
  return negate ? (row) => !test(read(row)) : (row) => test(read(row));
}

/** The value at a path, specialised for the common one- and two-segment paths. */
function accessor(segments: readonly string[]): (row: unknown) => unknown {
  const [a = "", b = ""] = segments;
  if (segments.length === 1) return (row) => getField(row, a);
  if (segments.length === 2) return (row) => getField(getField(row, a), b);
  return (row) => valueAt(row, segments);
}

function all(items: readonly Predicate[]): Predicate {
  const [a, b] = items;
  if (items.length === 2 && a && b) return (row) => a(row) && b(row);
  return (row) => {
    for (const item of items) if (!item(row)) return false;
    return true;
  };
}

function any(items: readonly Predicate[]): Predicate {
  const [a, b] = items;
  if (items.length === 2 && a && b) return (row) => a(row) || b(row);
  return (row) => {
    for (const item of items) if (item(row)) return true;
    return false;
  };
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
    case "and":
      return all(expr.items.map((item) => compileConditions(item, options)));
    case "or":
      return any(expr.items.map((item) => compileConditions(item, options)));
  }
}
