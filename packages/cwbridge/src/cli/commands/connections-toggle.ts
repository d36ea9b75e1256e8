/**
 * `cwbridge connections enable|disable <name>`: the write switch. While disabled, nothing is
 * written to ConnectWise (plans and reads still work).
 */
import { disableConnection, enableConnection } from "../../features/connections/index.js";
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
  const connection = options.enabled
    ? await enableConnection(engine.ctx, options.name)
    : await disableConnection(engine.ctx, options.name);
  const line = connection.enabled
    ? `connection '${connection.name}' enabled: cwbridge now writes to ConnectWise`
    : `connection '${connection.name}' disabled: nothing is written to ConnectWise`;
  return result({ connection }, [line]);
}
