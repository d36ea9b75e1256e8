/**
 * `cwbridge reports list [--connection c]`: the ConnectWise reports the connection's API member
 * may read (its role decides: System → API Reports, and each module's Reports function).
 */
import { callUseCase } from "../../core/use-case.js";
import { result, type CommandResult } from "../command-result.js";
import { resolveConnection } from "../resolve.js";
import type { CliSession } from "../session.js";

/** Flags of `reports list`. */
export interface ReportsListOptions {
  readonly connection?: string;
}

/**
 * Lists the readable reports.
 *
 * @example
 * await reportsList(session, { connection: "acme" });
 */
export async function reportsList(
  session: CliSession,
  options: ReportsListOptions,
): Promise<CommandResult> {
  const engine = await session.engine();
  const connection = await resolveConnection(engine.ctx, options.connection);
  const { reports } = await callUseCase(engine.ctx, engine.features.reports.useCases.list, {
    connection: connection.id,
  });
  const human =
    reports.length === 0
      ? [
          "no reports readable by this API member (see: cwbridge permissions check --feature reports)",
        ]
      : reports.map((report) => report.name);
  return result({ connection: connection.name, reports }, human);
}
