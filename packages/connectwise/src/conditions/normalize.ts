/**
 * Canonical form of an AST: the shape `parseConditions(printConditions(expr))` returns.
 * Useful to compare expressions built in different ways.
 */
import type { Comparison, Expr, Literal } from "./ast.js";
import { ConditionsBuildError } from "./errors.js";
import { DEFAULT_MAX_DEPTH } from "./syntax.js";

/**
 * Normalises an expression: nested `and`/`or` of the same kind are flattened, single-item
 * `and`/`or` are unwrapped, `not: false` is dropped, a negated `=`/`!=`/`<`... comparison
 * becomes `not (...)`, and `-0` becomes `0`.
 *
 * @throws {ConditionsBuildError} when nested deeper than the printer accepts.
 * @example
 * normalizeConditions(and(and(eq("a", 1), eq("b", 2)), eq("c", 3)));
 * // => { kind: "and", items: [a = 1, b = 2, c = 3] }
 */
export function normalizeConditions(expr: Expr): Expr {
  return normalize(expr, 0);
}

function normalize(expr: Expr, depth: number): Expr {
  if (depth > DEFAULT_MAX_DEPTH) {
    throw new ConditionsBuildError(
      "CW_CONDITIONS_INVALID_EXPR",
      `conditions nested deeper than ${DEFAULT_MAX_DEPTH} levels`,
    );
  }
  switch (expr.kind) {
    case "cmp":
      return normalizeComparison(expr);
    case "not":
      return { kind: "not", expr: normalize(expr.expr, depth + 1) };
    case "and":
    case "or":
      return normalizeJunction(expr.kind, expr.items, depth);
  }
}

function normalizeJunction(kind: "and" | "or", items: readonly Expr[], depth: number): Expr {
  const flat: Expr[] = [];
  for (const item of items) {
    const normal = normalize(item, depth + 1);
    if (normal.kind === kind) flat.push(...normal.items);
    else flat.push(normal);
  }
  const [only] = flat;
  return flat.length === 1 && only !== undefined ? only : { kind, items: flat };
}

function normalizeComparison(cmp: Comparison): Expr {
  const value = normalizeLiteral(cmp.value);
  const base: Comparison = { kind: "cmp", field: cmp.field, op: cmp.op, value };
  if (cmp.not !== true) return base;
  if (cmp.op === "like" || cmp.op === "contains" || cmp.op === "in") return { ...base, not: true };
  return { kind: "not", expr: base };
}

function normalizeLiteral(literal: Literal): Literal {
  if (literal.kind === "number") return { kind: "number", value: literal.value + 0 };
  if (literal.kind === "list") return { kind: "list", items: literal.items.map(normalizeLiteral) };
  return literal;
}
