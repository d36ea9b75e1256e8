/**
 * Plain-text tables for human output (no colours, no dependencies).
 */

/**
 * Renders rows as aligned columns with a header.
 *
 * @example
 * table(["name", "site"], [["acme", "na"]]) // ["name  site", "acme  na  "]
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
