/**
 * `cwbridge connections remove <name>`: refused while incidents reference it (exit 5).
 */
import { callUseCase } from "../../core/use-case.js";
import { result, type CommandResult } from "../command-result.js";
import type { CliSession } from "../session.js";

/**
 * Removes a connection.
 *
 * @example
 * await connectionsRemove(session, { name: "old" });
 */
export async function connectionsRemove(
  session: CliSession,
  options: { readonly name: string },
): Promise<CommandResult> {
  const engine = await session.engine();
  const connection = await callUseCase(engine.ctx, engine.features.connections.useCases.remove, {
    connection: options.name,
  });
  return result({ removed: connection }, [`removed connection '${connection.name}'`]);
}
