/**
 * The conditions grammar of the ConnectWise PSA REST API as a typed AST.
 * Shared by the client (builder, printer) and the emulator (parser, evaluator).
 *
 * @example
 * // company/id = 250 and summary contains "disk"
 * const ast: Expr = {
 *   kind: "and",
 *   items: [
 *     { kind: "cmp", field: "company/id", op: "=", value: { kind: "number", value: 250 } },
 *     { kind: "cmp", field: "summary", op: "contains", value: { kind: "string", value: "disk" } },
 *   ],
 * };
 */

/** Comparison operators; `not` is a separate flag on the comparison. */
export type ComparisonOperator = "=" | "!=" | "<" | "<=" | ">" | ">=" | "like" | "contains" | "in";

/** A literal on the right-hand side of a comparison. */
export type Literal =
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "null" }
  /** `[2025-01-31T00:00:00Z]`: the text between the brackets, kept verbatim. */
  | { readonly kind: "date"; readonly value: string }
  /** `(1, 2, 3)`: only valid with the `in` operator. */
  | { readonly kind: "list"; readonly items: readonly Literal[] };

/** `field op value`, e.g. `company/id = 5` or `summary not contains "x"`. */
export interface Comparison {
  readonly kind: "cmp";
  /** Field path as written, segments joined with `/` (e.g. `company/id`, `_info/lastUpdated`). */
  readonly field: string;
  readonly op: ComparisonOperator;
  /** True for `not like`, `not contains`, `not in`. */
  readonly not?: boolean;
  readonly value: Literal;
}

export interface And {
  readonly kind: "and";
  readonly items: readonly Expr[];
}
export interface Or {
  readonly kind: "or";
  readonly items: readonly Expr[];
}
/** A whole sub-expression negated: `not (a = 1 or b = 2)`. */
export interface Not {
  readonly kind: "not";
  readonly expr: Expr;
}

export type Expr = Comparison | And | Or | Not;
