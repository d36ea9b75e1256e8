/**
 * `conditionsFor<T>()`: the builder functions with field names checked against an entity
 * type. Fields are the slash-joined paths of `T` up to three segments (`summary`,
 * `company/id`, `_info/lastUpdated`); the value type follows the field's type (numbers for
 * number fields, `string | Date` for string fields, since ConnectWise dates are strings).
 * When `T` is too wide (an index signature at the top, `any`, `unknown`), fields fall back
 * to `string` and values to `ConditionValue`. Purely type-level: at runtime this is the
 * plain builder.
 */
import type { Comparison, Expr } from "./ast.js";
import type { ConditionValue, OptionalExpr } from "./build.js";
import * as build from "./build.js";

type Leaf =
  | string
  | number
  | boolean
  | bigint
  | symbol
  | Date
  | null
  | undefined
  | ((...args: never[]) => unknown);

type Depth = readonly unknown[];

/** `NonNullable`, except that `unknown` stays `unknown` (NonNullable would make it `{}`). */
type Defined<V> = unknown extends V ? unknown : NonNullable<V>;

type PathsOfValue<K extends string, V, D extends Depth> = unknown extends V
  ? K
  : V extends Leaf
    ? K
    : V extends readonly (infer E)[]
      ? NonNullable<E> extends Leaf
        ? K
        : `${K}/${Paths<NonNullable<E>, [...D, 0]>}`
      : `${K}/${Paths<V, [...D, 0]>}`;

type Paths<T, D extends Depth = []> = D["length"] extends 3
  ? never
  : { [K in keyof T & string]-?: PathsOfValue<K, Defined<T[K]>, D> }[keyof T & string];

type Element<X> = X extends readonly (infer E)[] ? E : X;

type PathValue<T, P extends string> = P extends `${infer Head}/${infer Rest}`
  ? Head extends keyof T
    ? PathValue<Element<Defined<T[Head]>>, Rest>
    : unknown
  : P extends keyof T
    ? Element<Defined<T[P]>>
    : unknown;

type ValueFor<V> = unknown extends V
  ? ConditionValue
  : [V] extends [never]
    ? ConditionValue
    : | (V extends boolean
          ? boolean
          : V extends number
            ? V
            : V extends string
              ? string extends V
                ? string | Date
                : V
              : V extends Date
                ? Date
                : ConditionValue)
      | null;

/**
 * The filterable field paths of `T` (up to three segments), or `string` when `T` is too wide.
 *
 * @example
 * type F = FieldPath<{ id: number; company?: { id: number } }>; // "id" | "company/id"
 */
export type FieldPath<T> = string extends keyof T
  ? string
  : [Paths<T>] extends [never]
    ? string
    : Paths<T>;

/**
 * The value type accepted for field `P` of `T`.
 *
 * @example
 * type V = FieldValue<{ company?: { id: number } }, "company/id">; // number | null
 */
export type FieldValue<T, P extends string> = string extends keyof T
  ? ConditionValue
  : ValueFor<PathValue<T, P>>;

/** The builder functions, with fields and values checked against `T`. */
export interface TypedConditions<T> {
  eq<P extends FieldPath<T>>(field: P, value: FieldValue<T, P>): Comparison;
  ne<P extends FieldPath<T>>(field: P, value: FieldValue<T, P>): Comparison;
  lt<P extends FieldPath<T>>(field: P, value: FieldValue<T, P>): Comparison;
  le<P extends FieldPath<T>>(field: P, value: FieldValue<T, P>): Comparison;
  gt<P extends FieldPath<T>>(field: P, value: FieldValue<T, P>): Comparison;
  ge<P extends FieldPath<T>>(field: P, value: FieldValue<T, P>): Comparison;
  like(field: FieldPath<T>, pattern: string): Comparison;
  notLike(field: FieldPath<T>, pattern: string): Comparison;
  contains(field: FieldPath<T>, text: string): Comparison;
  notContains(field: FieldPath<T>, text: string): Comparison;
  isIn<P extends FieldPath<T>>(field: P, values: readonly FieldValue<T, P>[]): Comparison;
  notIn<P extends FieldPath<T>>(field: P, values: readonly FieldValue<T, P>[]): Comparison;
  isNull(field: FieldPath<T>): Comparison;
  isNotNull(field: FieldPath<T>): Comparison;
  and(...exprs: readonly OptionalExpr[]): Expr;
  or(...exprs: readonly OptionalExpr[]): Expr;
  not(expr: Expr): Expr;
  where(expr: Expr): string;
}

const untyped = {
  eq: build.eq,
  ne: build.ne,
  lt: build.lt,
  le: build.le,
  gt: build.gt,
  ge: build.ge,
  like: build.like,
  notLike: build.notLike,
  contains: build.contains,
  notContains: build.notContains,
  isIn: build.isIn,
  notIn: build.notIn,
  isNull: build.isNull,
  isNotNull: build.isNotNull,
  and: build.and,
  or: build.or,
  not: build.not,
  where: build.where,
};

/**
 * The builder with field paths and values typed by the entity `T`.
 *
 * @example
 * interface Ticket { id: number; summary?: string; company?: { id?: number } }
 * const c = conditionsFor<Ticket>();
 * c.where(c.and(c.eq("company/id", 250), c.contains("summary", "disk")));
 * // c.eq("company/id", "x") and c.eq("compnay/id", 1) do not compile
 */
export function conditionsFor<T>(): TypedConditions<T> {
  return untyped as TypedConditions<T>;
}
