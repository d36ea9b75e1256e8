/**
 * `cwbridge connections list`: every connection (never its private key or clientId).
 */
import { callUseCase } from "../../core/use-case.js";
import { result, type CommandResult } from "../command-result.js";
import { connectionTable } from "../render/connection.js";
import type { CliSession } from "../session.js";

/**
 * Lists connections.
 *
 * @example
 * const { data } = await connectionsList(session); // { connections: [...] }
 */
export async function connectionsList(session: CliSession): Promise<CommandResult> {
  const engine = await session.engine();
  const connections = await callUseCase(engine.ctx, engine.features.connections.useCases.list, {});
  return result({ connections }, connectionTable(connections));
}
