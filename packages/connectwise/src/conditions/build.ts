/**
 * The conditions builder: small functions that create AST nodes. Values are converted to
 * literals here (a `Date` becomes a `[yyyy-MM-ddTHH:mm:ssZ]` date literal in UTC) and field
 * paths are validated eagerly, so a hostile value or field name fails at the call site and
 * can never change the structure of the printed expression.
 *
 * `like` patterns are passed through: ConnectWise treats `*` and `%` in them as wildcards.
 * Use `contains` for a plain substring match.
 *
 * For field names checked against an entity type, see `conditionsFor<T>()` in `typed.ts`.
 */
import type { Comparison, ComparisonOperator, Expr, Literal } from "./ast.js";
import { ConditionsBuildError } from "./errors.js";
import { printConditions } from "./print.js";
import { isValidFieldPath } from "./syntax.js";

/** A value on the right-hand side of a comparison. */
export type ConditionValue = string | number | boolean | null | Date;

/**
 * Formats a `Date` the way ConnectWise date literals are written: UTC, no milliseconds.
 *
 * @throws {ConditionsBuildError} for an invalid date.
 * @example
 * formatConditionDate(new Date(Date.UTC(2025, 0, 31))); // => "2025-01-31T00:00:00Z"
 */
export function formatConditionDate(date: Date): string {
  if (Number.isNaN(date.getTime())) {
    throw new ConditionsBuildError("CW_CONDITIONS_INVALID_VALUE", "invalid Date in conditions");
  }
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * Converts a value to an AST literal.
 *
 * @throws {ConditionsBuildError} for a non-finite number, an invalid Date or an unsupported type.
 * @example
 * toLiteral(42); // => { kind: "number", value: 42 }
 */
export function toLiteral(value: ConditionValue): Literal {
  if (value === null) return { kind: "null" };
  if (value instanceof Date) return { kind: "date", value: formatConditionDate(value) };
  if (typeof value === "string") return { kind: "string", value };
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (typeof value === "number" && Number.isFinite(value))
    return { kind: "number", value: value + 0 };
  throw new ConditionsBuildError(
    "CW_CONDITIONS_INVALID_VALUE",
    `unsupported conditions value ${typeof value === "number" ? String(value) : typeof value}`,
  );
}

function checkField(field: string): string {
  if (typeof field !== "string" || !isValidFieldPath(field)) {
    throw new ConditionsBuildError(
      "CW_CONDITIONS_INVALID_FIELD",
      `invalid field path ${JSON.stringify(field)}: use segments [A-Za-z_][A-Za-z0-9_]* joined by "/"`,
    );
  }
  return field;
}

function compare(field: string, op: ComparisonOperator, value: Literal, not = false): Comparison {
  const checked = checkField(field);
  return not
    ? { kind: "cmp", field: checked, op, not: true, value }
    : { kind: "cmp", field: checked, op, value };
}

/** `field = value`. @example eq("company/id", 250) // company/id = 250 */
export function eq(field: string, value: ConditionValue): Comparison {
  return compare(field, "=", toLiteral(value));
}

/** `field != value`. @example ne("status/name", "Closed") // status/name != "Closed" */
export function ne(field: string, value: ConditionValue): Comparison {
  return compare(field, "!=", toLiteral(value));
}

/** `field < value`. @example lt("id", 100) // id < 100 */
export function lt(field: string, value: ConditionValue): Comparison {
  return compare(field, "<", toLiteral(value));
}

/** `field <= value`. @example le("id", 100) // id <= 100 */
export function le(field: string, value: ConditionValue): Comparison {
  return compare(field, "<=", toLiteral(value));
}

/** `field > value`. @example gt("lastUpdated", new Date()) // lastUpdated > [2025-...Z] */
export function gt(field: string, value: ConditionValue): Comparison {
  return compare(field, ">", toLiteral(value));
}

/** `field >= value`. @example ge("id", 1) // id >= 1 */
export function ge(field: string, value: ConditionValue): Comparison {
  return compare(field, ">=", toLiteral(value));
}

/**
 * `field like "pattern"`; `*` and `%` in the pattern are ConnectWise wildcards.
 *
 * @example
 * like("name", "Acme*"); // name like "Acme*"
 */
export function like(field: string, pattern: string): Comparison {
  return compare(field, "like", toLiteral(pattern));
}

/** `field not like "pattern"`. @example notLike("name", "Test%") // name not like "Test%" */
export function notLike(field: string, pattern: string): Comparison {
  return compare(field, "like", toLiteral(pattern), true);
}

/** `field contains "text"`. @example contains("summary", "disk") // summary contains "disk" */
export function contains(field: string, text: string): Comparison {
  return compare(field, "contains", toLiteral(text));
}

/** `field not contains "text"`. @example notContains("summary", "low") */
export function notContains(field: string, text: string): Comparison {
  return compare(field, "contains", toLiteral(text), true);
}

function list(values: readonly ConditionValue[]): Literal {
  if (values.length === 0) {
    throw new ConditionsBuildError("CW_CONDITIONS_INVALID_VALUE", '"in" needs at least one value');
  }
  return { kind: "list", items: values.map(toLiteral) };
}

/**
 * `field in (v1, v2, ...)`; an empty list is rejected (ConnectWise cannot express it).
 *
 * @example
 * isIn("status/id", [1, 42, 43]); // status/id in (1, 42, 43)
 */
export function isIn(field: string, values: readonly ConditionValue[]): Comparison {
  return compare(field, "in", list(values));
}

/** `field not in (...)`. @example notIn("board/id", [1, 2]) // board/id not in (1, 2) */
export function notIn(field: string, values: readonly ConditionValue[]): Comparison {
  return compare(field, "in", list(values), true);
}

/** `field = null`. @example isNull("parentTicketId") // parentTicketId = null */
export function isNull(field: string): Comparison {
  return compare(field, "=", { kind: "null" });
}

/** `field != null`. @example isNotNull("value") // value != null */
export function isNotNull(field: string): Comparison {
  return compare(field, "!=", { kind: "null" });
}

/** An operand of `and`/`or`; `undefined` entries are skipped (handy for optional filters). */
export type OptionalExpr = Expr | undefined;

function junction(kind: "and" | "or", exprs: readonly OptionalExpr[]): Expr {
  const items = exprs.filter((expr): expr is Expr => expr !== undefined);
  const [only] = items;
  // An empty junction is kept: the printer rejects it with a clear error.
  return items.length === 1 && only !== undefined ? only : { kind, items };
}

/**
 * All of the expressions; `undefined` entries are skipped, a single one is returned as is.
 *
 * @example
 * and(eq("board/id", 1), since ? gt("lastUpdated", since) : undefined);
 */
export function and(...exprs: readonly OptionalExpr[]): Expr {
  return junction("and", exprs);
}

/** Any of the expressions. @example or(eq("a", 1), eq("b", 2)) // a = 1 or b = 2 */
export function or(...exprs: readonly OptionalExpr[]): Expr {
  return junction("or", exprs);
}

/** The negation of a whole expression. @example not(or(eq("a", 1), eq("b", 2))) // not (a = 1 or b = 2) */
export function not(expr: Expr): Expr {
  return { kind: "not", expr };
}

/**
 * Prints an expression: shorthand for `printConditions`.
 *
 * @example
 * where(and(eq("company/id", 250), contains("summary", "disk")));
 * // => 'company/id = 250 and summary contains "disk"'
 */
export function where(expr: Expr): string {
  return printConditions(expr);
}
