/**
 * The canonical printer: AST → ConnectWise `conditions` text.
 *
 * Output rules: `field op value` with single spaces; `and`/`or` lower-case; parentheses only
 * where precedence needs them (`and` binds tighter than `or`); a negated sub-expression is
 * `not (...)`; strings in double quotes with `\` and `"` backslash-escaped; numbers bare in
 * plain decimal notation (never exponent form); `true`/`false`/`null`; dates `[...]`;
 * lists `(1, 2, 3)`. Every field path and every literal is validated, so no value or field
 * name can change the structure of the printed expression.
 *
 * `like` patterns: the string is printed as given. ConnectWise interprets `*` and `%` in it as
 * wildcards (server side), so `like("name", "Acme*")` means "starts with Acme". The pattern is
 * still escaped as a string, so it can never break out of its quotes. To match a literal `[`
 * ConnectWise expects `[[]` inside the pattern (SQL Server LIKE); the printer does not rewrite
 * patterns, so write that yourself when needed.
 */
import type { Comparison, Expr, Literal } from "./ast.js";
import { ConditionsBuildError } from "./errors.js";
import { DEFAULT_MAX_DEPTH, isValidDateText, isValidFieldPath } from "./syntax.js";

type Context = "top" | "and" | "or";

/**
 * Prints a conditions AST as ConnectWise `conditions` text.
 *
 * @throws {ConditionsBuildError} for an invalid field, value or expression shape.
 * @example
 * printConditions(and(eq("company/id", 250), contains("summary", 'disk "C"')));
 * // => 'company/id = 250 and summary contains "disk \"C\""'
 */
export function printConditions(expr: Expr): string {
  return printExpr(expr, "top", 0);
}

function printExpr(expr: Expr, context: Context, depth: number): string {
  if (depth > DEFAULT_MAX_DEPTH) {
    throw new ConditionsBuildError(
      "CW_CONDITIONS_INVALID_EXPR",
      `conditions nested deeper than ${DEFAULT_MAX_DEPTH} levels`,
    );
  }
  if (typeof expr !== "object" || expr === null) return invalidNode(expr);
  switch (expr.kind) {
    case "cmp":
      return isNegatedSymbolComparison(expr)
        ? // `not` is a keyword only before like/contains/in: negate the whole comparison instead.
          printExpr({ kind: "not", expr: { ...expr, not: false } }, context, depth)
        : printComparison(expr);
    case "not":
      return `not (${printExpr(expr.expr, "top", depth + 1)})`;
    case "and":
    case "or":
      return printJunction(expr.kind, expr.items, context, depth);
    default:
      return invalidNode(expr);
  }
}

function printJunction(
  kind: "and" | "or",
  items: readonly Expr[],
  context: Context,
  depth: number,
): string {
  const [first] = items;
  if (first === undefined) {
    throw new ConditionsBuildError("CW_CONDITIONS_INVALID_EXPR", `empty "${kind}" expression`);
  }
  if (items.length === 1) return printExpr(first, context, depth + 1);
  const text = items.map((item) => printExpr(item, kind, depth + 1)).join(` ${kind} `);
  return kind === "or" && context === "and" ? `(${text})` : text;
}

function isNegatedSymbolComparison(cmp: Comparison): boolean {
  return cmp.not === true && cmp.op !== "like" && cmp.op !== "contains" && cmp.op !== "in";
}

function printComparison(cmp: Comparison): string {
  if (typeof cmp.field !== "string" || !isValidFieldPath(cmp.field)) {
    throw new ConditionsBuildError(
      "CW_CONDITIONS_INVALID_FIELD",
      `invalid field path ${JSON.stringify(cmp.field)}: use segments [A-Za-z_][A-Za-z0-9_]* joined by "/"`,
    );
  }
  const value = printComparisonValue(cmp);
  return `${cmp.field} ${cmp.not === true ? "not " : ""}${cmp.op} ${value}`;
}

function printComparisonValue(cmp: Comparison): string {
  const value = cmp.value;
  if (cmp.op === "in") {
    if (value.kind !== "list" || value.items.length === 0) {
      throw new ConditionsBuildError(
        "CW_CONDITIONS_INVALID_VALUE",
        `"in" needs a non-empty list of values (field ${cmp.field})`,
      );
    }
    return `(${value.items.map(printScalar).join(", ")})`;
  }
  if (!isOperator(cmp.op)) {
    throw new ConditionsBuildError(
      "CW_CONDITIONS_INVALID_EXPR",
      `unknown operator ${JSON.stringify(cmp.op)}`,
    );
  }
  return printScalar(value);
}

const OPERATORS: ReadonlySet<string> = new Set([
  "=",
  "!=",
  "<",
  "<=",
  ">",
  ">=",
  "like",
  "contains",
]);

function isOperator(op: string): boolean {
  return OPERATORS.has(op);
}

/**
 * Prints one literal (not a list) in canonical form.
 *
 * @example
 * printScalar({ kind: "string", value: 'a "b"' }); // => '"a \"b\""'
 */
export function printScalar(literal: Literal): string {
  switch (literal.kind) {
    case "string":
      return printString(literal.value);
    case "number":
      return printNumber(literal.value);
    case "boolean":
      return literal.value ? "true" : "false";
    case "null":
      return "null";
    case "date":
      return printDate(literal.value);
    case "list":
      throw new ConditionsBuildError(
        "CW_CONDITIONS_INVALID_VALUE",
        `a list is only valid as the value of "in"`,
      );
    default:
      return invalidNode(literal);
  }
}

function printString(value: string): string {
  if (typeof value !== "string") {
    throw new ConditionsBuildError("CW_CONDITIONS_INVALID_VALUE", "string literal is not a string");
  }
  return `"${value.replace(/[\\"]/g, "\\$&")}"`;
}

function printDate(value: string): string {
  if (typeof value !== "string" || !isValidDateText(value)) {
    throw new ConditionsBuildError(
      "CW_CONDITIONS_INVALID_VALUE",
      `invalid date literal ${JSON.stringify(value)}: expected ISO-8601 text such as 2025-01-31T00:00:00Z`,
    );
  }
  return `[${value}]`;
}

/**
 * Formats a finite number in plain decimal notation (no exponent), so that `Number()` of
 * the text gives the same number back.
 *
 * @example
 * printNumber(1e21); // => "1000000000000000000000"
 * printNumber(-0.5); // => "-0.5"
 */
export function printNumber(value: number): string {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ConditionsBuildError(
      "CW_CONDITIONS_INVALID_VALUE",
      `number literal must be finite, got ${String(value)}`,
    );
  }
  const text = String(value === 0 ? 0 : value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (match === null) return text;
  const [, sign = "", head = "", tail = "", exponentText = "0"] = match;
  const digits = head + tail;
  const point = 1 + Number(exponentText);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function invalidNode(node: never): never {
  const kind = typeof node === "object" && node !== null ? (node as { kind?: unknown }).kind : node;
  throw new ConditionsBuildError(
    "CW_CONDITIONS_INVALID_EXPR",
    `unknown node kind ${typeof kind === "string" ? JSON.stringify(kind) : typeof kind}`,
  );
}
