/**
 * Typed errors of the conditions grammar. Both carry a stable string `code` so callers
 * (and the emulator, which turns them into 400 responses) can branch without parsing messages.
 */

/** Stable code of {@link ConditionsSyntaxError}. */
export const CONDITIONS_SYNTAX_ERROR_CODE = "CW_CONDITIONS_SYNTAX";

/**
 * Thrown by `parseConditions` for any text that is not a valid conditions expression
 * (including input that is too long or nested too deeply).
 *
 * @example
 * try {
 *   parseConditions("summary <> 1");
 * } catch (error) {
 *   if (error instanceof ConditionsSyntaxError) console.log(error.position, error.message);
 * }
 */
export class ConditionsSyntaxError extends Error {
  override readonly name = "ConditionsSyntaxError";
  readonly code = CONDITIONS_SYNTAX_ERROR_CODE;
  /** 0-based offset (UTF-16 code units) in the input where the problem was found. */
  readonly position: number;

  constructor(message: string, position: number) {
    super(`${message} at position ${position}`);
    this.position = position;
  }
}

/** Codes of {@link ConditionsBuildError}. */
export type ConditionsBuildErrorCode =
  "CW_CONDITIONS_INVALID_FIELD" | "CW_CONDITIONS_INVALID_VALUE" | "CW_CONDITIONS_INVALID_EXPR";

/**
 * Thrown by the printer and the builder when an AST cannot be printed safely: a field name
 * that is not a plain path, a non-finite number, an invalid date, a list outside `in`,
 * an empty `and`/`or`, or nesting deeper than the parser accepts.
 *
 * @example
 * try {
 *   printConditions(eq("name = 1 or x", 1));
 * } catch (error) {
 *   if (error instanceof ConditionsBuildError) console.log(error.code); // CW_CONDITIONS_INVALID_FIELD
 * }
 */
export class ConditionsBuildError extends Error {
  override readonly name = "ConditionsBuildError";
  readonly code: ConditionsBuildErrorCode;

  constructor(code: ConditionsBuildErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
