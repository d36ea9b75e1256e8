/**
 * `cwbridge sources add --name --kind --connection`: a tool that pushes customers, devices and
 * alerts. Its bearer token is printed once (stored hashed).
 */
import { callUseCase } from "../../core/use-case.js";
import { result, type CommandResult } from "../command-result.js";
import { resolveConnection } from "../resolve.js";
import type { CliSession } from "../session.js";

/**
 * Adds a source and prints its token once.
 *
 * @example
 * await sourcesAdd(session, { name: "rmm", kind: "generic", connection: "acme" });
 */
export async function sourcesAdd(
  session: CliSession,
  options: { readonly name: string; readonly kind?: string; readonly connection?: string },
): Promise<CommandResult> {
  const engine = await session.engine();
  const connection = await resolveConnection(engine.ctx, options.connection);
  const { source, token } = await callUseCase(engine.ctx, engine.features.sources.useCases.add, {
    name: options.name,
    connectionId: connection.id,
    ...(options.kind === undefined ? {} : { kind: options.kind }),
  });
  return result({ source, token }, [
    `added source '${source.name}' (${source.kind}) on connection '${connection.name}'`,
    `token (shown once, keep it safe): ${token}`,
    `next: cwbridge customers push --source ${source.name} --file customers.json`,
  ]);
}
