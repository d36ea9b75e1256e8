/**
 * `cwbridge customers match --source s [--type T …] [--status S …]`: reads the connection's
 * companies (filtered by type and status), then matches every customer of the source;
 * low-confidence matches go to the review list.
 */
import { callUseCase } from "../../core/use-case.js";
import type { MatchReport } from "../../features/customers/index.js";
import { sourceConnectionId } from "../../features/sources/index.js";
import { result, type CommandResult } from "../command-result.js";
import { runTasks } from "../progress.js";
import { resolveSource } from "../resolve.js";
import type { CliSession } from "../session.js";

/** Flags of `customers match`. */
export interface CustomersMatchOptions {
  readonly source: string;
  readonly type?: readonly string[];
  readonly status?: readonly string[];
}

/**
 * Refreshes companies and matches customers.
 *
 * @example
 * await customersMatch(session, { source: "rmm", type: ["Customer"], status: ["Active"] });
 */
export async function customersMatch(
  session: CliSession,
  options: CustomersMatchOptions,
): Promise<CommandResult> {
  const engine = await session.engine();
  const source = await resolveSource(engine.ctx, options.source);
  const connectionId = await sourceConnectionId(engine.ctx, source.id);
  const filters = {
    ...(options.type === undefined ? {} : { types: options.type }),
    ...(options.status === undefined ? {} : { statuses: options.status }),
  };
  const useCases = engine.features.customers.useCases;
  const state: { fetched?: number; report?: MatchReport } = {};
  await runTasks(
    session.out,
    [
      {
        title: "Reading ConnectWise companies",
        task: async (ctx, task) => {
          const refreshed = await callUseCase(engine.ctx, useCases.refreshCompanies, {
            connectionId,
            ...filters,
          });
          ctx.fetched = refreshed.fetched;
          task.title = `Read ${ctx.fetched} ConnectWise companies`;
        },
      },
      {
        title: "Matching customers",
        task: async (ctx, task) => {
          ctx.report = await callUseCase(engine.ctx, useCases.match, {
            sourceId: source.id,
            ...filters,
          });
          task.title = `Matched ${ctx.report.matched} customer(s), ${ctx.report.review} to review`;
        },
      },
    ],
    state,
  );
  const report = state.report as MatchReport;
  return result(
    { source: source.name, companies: state.fetched ?? 0, ...report },
    matchLines(source.name, report),
  );
}

function matchLines(source: string, report: MatchReport): string[] {
  const lines = [
    `matched ${report.matched}, review ${report.review}, unmatched ${report.none}, manual ${report.manual}`,
  ];
  for (const item of report.reviewList) {
    const candidates = item.candidates
      .map((c) => `${c.companyName ?? c.companyId} (${Math.round(c.score * 100)}%)`)
      .join(", ");
    lines.push(
      `  review ${item.customerId} "${item.customerName}": ${item.reason}${candidates === "" ? "" : `; candidates: ${candidates}`}`,
    );
  }
  if (report.review + report.none > 0) {
    lines.push(
      `map by hand: cwbridge customers map --source ${source} --customer <id> --company <id|identifier|name>`,
    );
  }
  return lines;
}
