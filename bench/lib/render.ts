/** Renders one scenario's rows as a markdown section body. */
import type { BenchRow, Scenario } from "./types.js";

/** Table cell text: `|` escaped, and `*` / `_` too so markdown (and prettier) keep them literal. */
const cell = (text: string | undefined): string => (text ?? "").replace(/[|*_\\]/g, "\\$&");

/**
 * `## title`, when and where it ran, and the table of rows.
 *
 * @example
 * renderSection(scenario, rows, "Node v20.20.0, 2 CPUs", new Date());
 */
export function renderSection(
  scenario: Scenario,
  rows: readonly BenchRow[],
  environment: string,
  at: Date,
): string {
  const lines = [
    `## ${scenario.name} — ${scenario.title}`,
    "",
    `Run ${at.toISOString()} · ${environment}`,
    "",
    "| metric | measured | target | ideal | ratio | settings |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      (row) =>
        `| ${cell(row.metric)} | ${cell(row.measured)} | ${cell(row.target)} | ${cell(row.ideal)} | ${cell(row.ratio)} | ${cell(row.settings)} |`,
    ),
  ];
  return lines.join("\n");
}
