/**
 * `cwbridge connections enable|disable <name>`: the write switch. While disabled, nothing is
 * written to ConnectWise (plans and reads still work).
 */
import { callUseCase } from "../../core/use-case.js";
import { result, type CommandResult } from "../command-result.js";
import type { CliSession } from "../session.js";

/**
 * Enables or disables writes for a connection.
 *
 * @example
 * await connectionsToggle(session, { name: "acme", enabled: true });
 */
export async function connectionsToggle(
  session: CliSession,
  options: { readonly name: string; readonly enabled: boolean },
): Promise<CommandResult> {
  const engine = await session.engine();
  const { enable, disable } = engine.features.connections.useCases;
  const connection = await callUseCase(engine.ctx, options.enabled ? enable : disable, {
    connection: options.name,
  });
  const line = connection.enabled
    ? `connection '${connection.name}' enabled: cwbridge now writes to ConnectWise`
    : `connection '${connection.name}' disabled: nothing is written to ConnectWise`;
  return result({ connection }, [line]);
}
