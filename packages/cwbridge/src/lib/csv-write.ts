/**
 * Writing CSV (RFC 4180): fields joined by commas, quoted when they hold a comma, a quote, a
 * line break or leading/trailing spaces (quotes doubled), records ended by CRLF. Text that a
 * spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return) is prefixed with `'` (OWASP's CSV-injection advice), but for text that is only a signed
 * number or phone number (`+1 555-0100`, `-42`: nothing a spreadsheet runs); numbers and booleans are written
 * as they are, `null`/`undefined` as an empty field, objects as JSON.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
/** `+` / `-` followed by digits, spaces and phone punctuation only. */
const NUMBERISH = /^[+-][\d\s().-]*$/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * One field's text.
 *
 * @example
 * csvField('=HYPERLINK("x")') // `"'=HYPERLINK(""x"")"`
 * csvField(-5) // "-5"
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return String(value);
  }
  const raw = typeof value === "string" ? value : JSON.stringify(value);
  const text = FORMULA_START.test(raw) && !NUMBERISH.test(raw) ? `'${raw}` : raw;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One record, with its CRLF.
 *
 * @example
 * csvRecord(["a", 1, null]) // "a,1,\r\n"
 */
export function csvRecord(values: readonly unknown[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
