/**
 * `cwbridge customers list --source s [--review]`: the source's customers with their company
 * mapping (method, score, sync status); `--review` shows only those waiting for a human.
 */
import { callUseCase } from "../../core/use-case.js";
import type { Mapping } from "../../features/customers/index.js";
import { result, type CommandResult } from "../command-result.js";
import { table } from "../render/table.js";
import { resolveSource } from "../resolve.js";
import type { CliSession } from "../session.js";

/**
 * Lists mappings.
 *
 * @example
 * await customersList(session, { source: "rmm", review: true });
 */
export async function customersList(
  session: CliSession,
  options: { readonly source: string; readonly review?: boolean },
): Promise<CommandResult> {
  const engine = await session.engine();
  const source = await resolveSource(engine.ctx, options.source);
  const mappings = await callUseCase(engine.ctx, engine.features.customers.useCases.list, {
    sourceId: source.id,
    ...(options.review === true ? { review: true } : {}),
  });
  return result({ source: source.name, mappings }, mappingLines(mappings));
}

function mappingLines(mappings: readonly Mapping[]): string[] {
  if (mappings.length === 0) return ["no mappings (run: cwbridge customers match --source <s>)"];
  return table(
    ["customer", "name", "company", "method", "score", "review", "sync"],
    mappings.map((m) => [
      m.customerId,
      m.customerName ?? "-",
      m.companyId === null ? "-" : String(m.companyId),
      m.manual ? "manual" : m.method,
      m.score.toFixed(2),
      m.review ? "yes" : "",
      m.syncStatus,
    ]),
  );
}
