/**
 * `cwbridge permissions check [connection]`: the API member's security role against what the
 * enabled features need, with the ConnectWise clicks that fix each gap. Exit 3 when something
 * is missing.
 */
import { callUseCase } from "../../core/use-case.js";
import type { StoredPermissionReport } from "../../features/permissions/index.js";
import { CliError } from "../cli-error.js";
import { result, type CommandResult } from "../command-result.js";
import { resolveConnection } from "../resolve.js";
import type { CliSession } from "../session.js";

/**
 * Checks permissions; throws `CWB_ERR_CLI_PERMISSIONS_MISSING` (exit 3, report in `details`).
 *
 * @example
 * await permissionsCheck(session, { connection: "acme", features: ["tickets"] });
 */
export async function permissionsCheck(
  session: CliSession,
  options: { readonly connection?: string; readonly features?: readonly string[] },
): Promise<CommandResult> {
  const engine = await session.engine();
  const connection = await resolveConnection(engine.ctx, options.connection);
  const stored = await callUseCase(engine.ctx, engine.features.permissions.useCases.check, {
    connection: connection.id,
    ...(options.features === undefined ? {} : { features: options.features }),
  });
  const lines = reportLines(stored);
  if (!stored.report.ok) {
    const missing = stored.report.features.filter((f) => !f.ok).map((f) => f.feature);
    throw new CliError(
      "CWB_ERR_CLI_PERMISSIONS_MISSING",
      `the API member of '${connection.name}' lacks permissions for: ${missing.join(", ")}`,
      { connection: connection.name, ...stored },
      lines,
    );
  }
  return result({ connection: connection.name, ...stored }, [
    ...lines,
    `all permissions present for '${connection.name}'`,
  ]);
}

/**
 * A report as lines: one per feature, then the fix clicks.
 *
 * @example
 * reportLines(stored) // ["✓ tickets  Tickets", "✗ close-tickets  …", "fix:", "  System → Security Roles → …"]
 */
export function reportLines(stored: StoredPermissionReport): string[] {
  const role = stored.roleName === null ? "" : ` (security role '${stored.roleName}')`;
  const lines = [`permission check${role}:`];
  for (const feature of stored.report.features) {
    lines.push(`${feature.ok ? "✓" : "✗"} ${feature.feature}  ${feature.title}`);
    for (const miss of feature.missing) {
      lines.push(
        `    ${miss.module} / ${miss.function}: ${miss.right} is ${miss.have}, needs ${miss.need}`,
      );
    }
    for (const miss of feature.missingCustomizations ?? []) {
      lines.push(`    ${miss.module} / ${miss.function}: Customize does not allow '${miss.label}'`);
    }
  }
  for (const note of stored.report.unchecked ?? []) lines.push(`! not checked: ${note}`);
  if (stored.report.fix.length > 0)
    lines.push("fix in ConnectWise:", ...stored.report.fix.map((f) => `  ${f}`));
  return lines;
}
