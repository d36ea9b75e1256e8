/**
 * Name-or-id lookups for command arguments: sources (by name or id) and the connection to use
 * when a command names none (the only one there is).
 */
import type { AppContext } from "../core/context.js";
import { listConnections, type Connection } from "../features/connections/index.js";
import { listSources, type Source } from "../features/sources/index.js";
import { CliError, usageError } from "./cli-error.js";

/**
 * A source by name or id; throws `CWB_ERR_CLI_NOT_FOUND` (exit 4) listing the known names.
 *
 * @example
 * const source = await resolveSource(ctx, "demo");
 */
export async function resolveSource(ctx: AppContext, ref: string): Promise<Source> {
  const sources = await listSources(ctx);
  const found = sources.find((s) => s.id === ref) ?? sources.find((s) => s.name === ref);
  if (found !== undefined) return found;
  const known = sources.map((s) => s.name).join(", ");
  throw new CliError(
    "CWB_ERR_CLI_NOT_FOUND",
    `no source named '${ref}'${known === "" ? " (none yet: cwbridge sources add --help)" : ` (known: ${known})`}`,
  );
}

/**
 * The connection a command means: the named one, else the only one; a usage error when there
 * are several and none is named, not found when there is none.
 *
 * @example
 * const connection = await resolveConnection(ctx, options.connection);
 */
export async function resolveConnection(
  ctx: AppContext,
  ref: string | undefined,
): Promise<Connection> {
  const connections = await listConnections(ctx);
  if (ref !== undefined) {
    const found = connections.find((c) => c.id === ref) ?? connections.find((c) => c.name === ref);
    if (found !== undefined) return found;
    throw new CliError("CWB_ERR_CLI_NOT_FOUND", `no connection named '${ref}'`);
  }
  if (connections.length === 1 && connections[0] !== undefined) return connections[0];
  if (connections.length === 0) {
    throw new CliError(
      "CWB_ERR_CLI_NOT_FOUND",
      "no connection yet: cwbridge connections add --help",
    );
  }
  throw usageError(
    `several connections exist (${connections.map((c) => c.name).join(", ")}): name one with --connection`,
  );
}
