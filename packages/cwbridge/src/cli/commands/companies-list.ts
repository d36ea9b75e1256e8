/**
 * `cwbridge companies list [--connection c] [--type T] [--status S] [--search q] [--refresh]`:
 * the ConnectWise companies cached for matching (`--refresh` reads them from ConnectWise first).
 */
import { callUseCase } from "../../core/use-case.js";
import type { CompanyListItem } from "../../features/customers/index.js";
import { result, type CommandResult } from "../command-result.js";
import { table } from "../render/table.js";
import { resolveConnection } from "../resolve.js";
import type { CliSession } from "../session.js";

/** Flags of `companies list`. */
export interface CompaniesListOptions {
  readonly connection?: string;
  readonly type?: string;
  readonly status?: string;
  readonly search?: string;
  readonly refresh?: boolean;
}

/**
 * Lists cached companies.
 *
 * @example
 * await companiesList(session, { type: "Customer", search: "acme", refresh: true });
 */
export async function companiesList(
  session: CliSession,
  options: CompaniesListOptions,
): Promise<CommandResult> {
  const engine = await session.engine();
  const connection = await resolveConnection(engine.ctx, options.connection);
  const useCases = engine.features.customers.useCases;
  if (options.refresh === true) {
    await callUseCase(engine.ctx, useCases.refreshCompanies, { connectionId: connection.id });
  }
  const companies = await callUseCase(engine.ctx, useCases.listCompanies, {
    connectionId: connection.id,
    ...(options.type === undefined ? {} : { type: options.type }),
    ...(options.status === undefined ? {} : { status: options.status }),
    ...(options.search === undefined ? {} : { search: options.search }),
  });
  return result({ connection: connection.name, companies }, companyLines(companies));
}

function companyLines(companies: readonly CompanyListItem[]): string[] {
  if (companies.length === 0) {
    return ["no companies cached (run with --refresh, or: cwbridge customers match)"];
  }
  return table(
    ["id", "identifier", "name", "type", "status"],
    companies.map((c) => [
      String(c.id),
      c.identifier,
      c.name,
      c.typeNames.join(", "),
      c.statusName ?? "-",
    ]),
  );
}
