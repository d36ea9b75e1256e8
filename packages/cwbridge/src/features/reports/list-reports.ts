/**
 * The ConnectWise reports a connection's API member may read (`GET /system/reports`; the
 * role decides which: System → API Reports, plus each report module's Reports function).
 */
import type { AppContext } from "../../core/context.js";
import { requireConnectionRow } from "../connections/index.js";
import type { ListReportsInput } from "./report-input.js";

/** What `list` returns. */
export interface ReportList {
  readonly connectionId: string;
  readonly reports: readonly { readonly name: string }[];
}

/**
 * Lists the readable reports of a connection.
 *
 * @example
 * const { reports } = await listReports(ctx, { connection: "acme" });
 */
export async function listReports(ctx: AppContext, input: ListReportsInput): Promise<ReportList> {
  const row = await requireConnectionRow(ctx, input.connection);
  const cw = await ctx.clients.forConnection(row.id);
  const reports = await cw.system.reports.list();
  return { connectionId: row.id, reports: reports.map((report) => ({ name: report.name })) };
}
