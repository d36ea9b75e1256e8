/**
 * Writing CSV (RFC 4180): fields quoted when they hold a comma, a quote or a line break, quotes
 * doubled, CRLF line ends. A field a spreadsheet would run as a formula (`=`, `@`, a tab or CR
 * first, or `+` / `-` followed by anything but a number) gets a leading `'`, so an exported
 * name like `=HYPERLINK(…)` stays text; phone numbers such as `+1 555-0100` are left as they are.
 */

/** A cell value. */
export type CsvValue = string | number | boolean | null | undefined;

const NUMBERISH = /^[+-][\d\s().-]*$/;

/**
 * One CSV field.
 *
 * @example
 * csvField('a "b", c') // '"a ""b"", c"'
 * csvField("=1+2")      // "'=1+2"
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  const first = text[0];
  if (
    first === "=" ||
    first === "@" ||
    first === "\t" ||
    first === "\r" ||
    ((first === "+" || first === "-") && !NUMBERISH.test(text))
  ) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One CSV record with its CRLF line end.
 *
 * @example
 * csvLine(["id", "name"]) // "id,name\r\n"
 */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
