/**
 * `cwbridge sources list`: every source (tokens are never readable).
 */
import { callUseCase } from "../../core/use-case.js";
import { result, type CommandResult } from "../command-result.js";
import { table } from "../render/table.js";
import type { CliSession } from "../session.js";

/**
 * Lists sources.
 *
 * @example
 * const { data } = await sourcesList(session); // { sources: [...] }
 */
export async function sourcesList(session: CliSession): Promise<CommandResult> {
  const engine = await session.engine();
  const sources = await callUseCase(engine.ctx, engine.features.sources.useCases.list, {});
  const lines =
    sources.length === 0
      ? ["no sources (add one: cwbridge sources add --help)"]
      : table(
          ["name", "kind", "id", "connection"],
          sources.map((s) => [s.name, s.kind, s.id, s.connectionId ?? "-"]),
        );
  return result({ sources }, lines);
}
