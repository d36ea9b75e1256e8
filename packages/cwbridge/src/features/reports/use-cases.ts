/**
 * The use cases of the reports feature (see `core/use-case.ts`): `list` the reports the
 * connection's API member may read, `run` one as a streamed JSON or CSV export (the HTTP
 * route pipes `chunks()` to its response, the CLI to stdout or a file). Bad input is the
 * feature's own `CWB_ERR_REPORTS_INVALID`.
 */
import type { AppIssue } from "../../core/app-error.js";
import { defineUseCase } from "../../core/use-case.js";
import { ReportsError } from "./errors.js";
import { listReports } from "./list-reports.js";
import { listReportsSchema, runReportSchema } from "./report-input.js";
import { runReport } from "./run-report.js";

function invalid(issues: readonly AppIssue[]): ReportsError {
  const list = issues.map((i) => (i.path === "" ? i.message : `${i.path}: ${i.message}`));
  return new ReportsError("CWB_ERR_REPORTS_INVALID", `invalid report input: ${list.join("; ")}`, {
    issues,
  });
}

/** The reports feature's use cases, by name. */
export const reportsUseCases = {
  list: defineUseCase({
    name: "list",
    summary: "List the ConnectWise reports the connection's API member may read",
    input: listReportsSchema,
    invalid,
    run: (ctx, input) => listReports(ctx, input),
  }),
  run: defineUseCase({
    name: "run",
    summary: "Run a ConnectWise report with conditions, streamed page by page as JSON or CSV",
    input: runReportSchema,
    invalid,
    run: (ctx, input) => runReport(ctx, input),
  }),
};
