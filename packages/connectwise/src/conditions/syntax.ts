/**
 * Lexical rules shared by the printer and the parser, so that everything the printer
 * accepts the parser reads back, and nothing else.
 */

/** Default maximum input length accepted by `parseConditions` (characters). */
export const DEFAULT_MAX_LENGTH = 10_000;

/** Default maximum nesting (parentheses and `not`) accepted by the parser and the printer. */
export const DEFAULT_MAX_DEPTH = 64;

/** One path segment: `company`, `_info`, `id2`. */
export const SEGMENT_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The text inside `[...]` of a date literal: ISO-8601-like (starts with a digit or a year
 * sign, then digits, letters, `:`, `.`, `+`, `-`, spaces), at most 64 characters.
 */
export const DATE_PATTERN = /^[+-]?[0-9][0-9A-Za-z:.+\- ]{0,63}$/;

/** Words that are never field names (compared case-insensitively, single-segment only). */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  "and",
  "or",
  "not",
  "like",
  "contains",
  "in",
  "true",
  "false",
  "null",
]);

/**
 * Whether `field` is a path the grammar can carry: segments `[A-Za-z_][A-Za-z0-9_]*`
 * joined by `/`, and not a bare reserved word.
 *
 * @example
 * isValidFieldPath("company/id"); // true
 * isValidFieldPath("name = 1 or x"); // false
 */
export function isValidFieldPath(field: string): boolean {
  if (RESERVED_WORDS.has(field.toLowerCase())) return false;
  return field.split("/").every((segment) => SEGMENT_PATTERN.test(segment));
}

/**
 * Whether `text` can stand between the brackets of a date literal.
 *
 * @example
 * isValidDateText("2025-01-31T00:00:00Z"); // true
 * isValidDateText("2025]) or (x"); // false
 */
export function isValidDateText(text: string): boolean {
  return DATE_PATTERN.test(text);
}
