export type { And, Comparison, ComparisonOperator, Expr, Literal, Not, Or } from "./ast.js";
export {
  CONDITIONS_SYNTAX_ERROR_CODE,
  ConditionsBuildError,
  ConditionsSyntaxError,
  type ConditionsBuildErrorCode,
} from "./errors.js";
export { parseConditions, type ParseConditionsOptions } from "./parse.js";
export { printConditions, printNumber, printScalar } from "./print.js";
export {
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_LENGTH,
  isValidDateText,
  isValidFieldPath,
} from "./syntax.js";
export {
  and,
  contains,
  eq,
  formatConditionDate,
  ge,
  gt,
  isIn,
  isNotNull,
  isNull,
  le,
  like,
  lt,
  ne,
  not,
  notContains,
  notIn,
  notLike,
  or,
  toLiteral,
  where,
  type ConditionValue,
  type OptionalExpr,
} from "./build.js";
export { conditionsFor, type FieldPath, type FieldValue, type TypedConditions } from "./typed.js";
export { normalizeConditions } from "./normalize.js";
