/**
 * `reports list|run`: the ConnectWise reports the API member may read, and one run streamed
 * as JSON or CSV.
 */
import { Command } from "@commander-js/extra-typings";
import { reportsList } from "./commands/reports-list.js";
import { reportsRun } from "./commands/reports-run.js";
import type { Runner } from "./runner.js";

/**
 * The `reports` command group.
 *
 * @example
 * program.addCommand(reportsCommand(runner.run));
 */
export function reportsCommand(run: Runner): Command {
  const group = new Command("reports").description(
    "ConnectWise reports (Service Desk, Finance): list them, run one as JSON or CSV",
  );
  group
    .command("list")
    .description("list the reports the connection's API member may read")
    .option("--connection <name>", "connection (default: the only one)")
    .action((options, cmd) => run(cmd, (s) => reportsList(s, options)));
  group
    .command("run")
    .description("run a report, streamed page by page (stdout, or --output file)")
    .argument("<name>", "report name, e.g. Service, Agreement, AgreementAdditions")
    .option("--connection <name>", "connection (default: the only one)")
    .option("--conditions <conditions>", "over the report's columns, e.g. Closed_Flag = false")
    .option("--columns <a,b>", "only these columns, in this order")
    .option("--page-size <n>", "rows per request, 1..1000 (default 1000)")
    .option("--format <format>", "json or csv (default: csv for a .csv --output, else json)")
    .option("--output <file>", "write the export to this file (replaced when complete)")
    .action((name, options, cmd) => run(cmd, (s) => reportsRun(s, name, options)));
  return group;
}
