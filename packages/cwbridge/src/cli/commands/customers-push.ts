/**
 * `cwbridge customers push --source s --file customers.json`: a source's customers (a JSON
 * array, or `{ "customers": [...] }`), validated all or nothing.
 */
import { callUseCase } from "../../core/use-case.js";
import { result, type CommandResult } from "../command-result.js";
import { readJsonFile } from "../input-file.js";
import { resolveSource } from "../resolve.js";
import type { CliSession } from "../session.js";

/**
 * Pushes customers from a file.
 *
 * @example
 * await customersPush(session, { source: "rmm", file: "customers.json" });
 */
export async function customersPush(
  session: CliSession,
  options: { readonly source: string; readonly file: string },
): Promise<CommandResult> {
  const value = await readJsonFile(options.file, session.io);
  const customers = unwrap(value);
  const engine = await session.engine();
  const source = await resolveSource(engine.ctx, options.source);
  const pushed = await callUseCase(engine.ctx, engine.features.customers.useCases.push, {
    sourceId: source.id,
    customers,
  });
  return result({ source: source.name, ...pushed }, [
    `stored ${pushed.upserted} customer(s) of source '${source.name}'`,
    `next: cwbridge customers match --source ${source.name}`,
  ]);
}

function unwrap(value: unknown): unknown {
  if (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    "customers" in value
  ) {
    return value.customers;
  }
  return value;
}
