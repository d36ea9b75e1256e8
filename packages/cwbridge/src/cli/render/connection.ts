/**
 * Human rendering of connections and connection tests.
 */
import type { Connection, ConnectionTestResult } from "../../features/connections/index.js";
import { table } from "./table.js";

/**
 * Connections as a table.
 *
 * @example
 * connectionTable([c]) // ["name  site  company  enabled  codebase", …]
 */
export function connectionTable(connections: readonly Connection[]): string[] {
  if (connections.length === 0)
    return ["no connections (add one: cwbridge connections add --help)"];
  return table(
    ["name", "site", "company", "public key", "enabled", "codebase"],
    connections.map((c) => [
      c.name,
      c.site,
      c.companyId,
      c.publicKeyHint,
      c.enabled ? "yes" : "no",
      c.codebase ?? "-",
    ]),
  );
}

/**
 * A connection test, one line per step, with cause and fix of a failure.
 *
 * @example
 * testLines(result) // ["✓ companyinfo  codebase v2025_1/ (12 ms)", …]
 */
export function testLines(result: ConnectionTestResult): string[] {
  const lines: string[] = [];
  for (const step of result.steps) {
    if (step.skipped === true) {
      lines.push(`- ${step.name}  skipped`);
      continue;
    }
    const mark = step.ok ? "✓" : "✗";
    lines.push(
      `${mark} ${step.name}  ${step.detail ?? ""} (${Math.round(step.ms)} ms)`.replace(
        / {2}\(/,
        " (",
      ),
    );
    if (step.failure !== undefined) {
      lines.push(`    cause: ${step.failure.cause}`, `    fix:   ${step.failure.fix}`);
    }
  }
  return lines;
}
