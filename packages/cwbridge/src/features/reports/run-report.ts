/**
 * Runs a ConnectWise report and exports it as JSON or CSV, streamed: the first page is read
 * before anything is returned (so an unknown report, bad conditions or a missing right fail
 * before a byte of output exists), then each page is turned into text as it arrives and
 * handed on; at most one page is in memory. JSON is one array of row objects keyed by column
 * name; CSV is a header of column names, then one record per row (RFC 4180, formulas defused).
 */
import {
  ConnectWiseNotFoundError,
  ConnectWiseValidationError,
  type ConnectWise,
  type ReportColumn,
  type ReportPage,
} from "@cwbridge/connectwise";
import type { AppContext } from "../../core/context.js";
import { csvRecord } from "../../lib/csv-write.js";
import { requireConnectionRow } from "../connections/index.js";
import { ReportsError } from "./errors.js";
import type { ReportFormat, RunReportInput } from "./report-input.js";

/** A report run, ready to stream. */
export interface ReportExport {
  readonly connectionId: string;
  /** The report's name as asked. */
  readonly name: string;
  readonly format: ReportFormat;
  /** `application/json` or `text/csv`. */
  readonly contentType: string;
  readonly columns: readonly ReportColumn[];
  /** The export's text, chunk by chunk (one chunk per page, plus the opening and closing). */
  chunks(): AsyncGenerator<string, ReportExportTotals>;
}

/** What a finished export counted. */
export interface ReportExportTotals {
  readonly rows: number;
  readonly pages: number;
}

const DEFAULT_PAGE_SIZE = 1000;

async function readablesOf(cw: ConnectWise): Promise<string> {
  try {
    const names = (await cw.system.reports.list()).map((r) => r.name);
    return names.length === 0 ? " (the member may read none)" : ` (readable: ${names.join(", ")})`;
  } catch {
    return "";
  }
}

async function firstPage(
  cw: ConnectWise,
  input: RunReportInput,
  pages: AsyncGenerator<ReportPage>,
): Promise<IteratorResult<ReportPage>> {
  try {
    return await pages.next();
  } catch (error) {
    if (error instanceof ConnectWiseNotFoundError) {
      throw new ReportsError(
        "CWB_ERR_REPORTS_NOT_FOUND",
        `no report '${input.name}' in ConnectWise${await readablesOf(cw)}`,
        { cause: error },
      );
    }
    if (error instanceof ConnectWiseValidationError) {
      const detail = (error.errors ?? []).map((e) => e.message).filter(Boolean);
      throw new ReportsError(
        "CWB_ERR_REPORTS_INVALID",
        `ConnectWise refused the report query: ${[error.message, ...detail].join("; ")}`,
        { issues: [{ path: "conditions", message: "refused by ConnectWise" }], cause: error },
      );
    }
    throw error;
  }
}

function encoder(format: ReportFormat, columns: readonly ReportColumn[]) {
  const names = columns.map((c) => c.name);
  if (format === "csv") {
    return {
      open: csvRecord(names),
      rows: (rows: readonly (readonly unknown[])[]) => rows.map(csvRecord).join(""),
      close: "",
    };
  }
  let first = true;
  return {
    open: "[",
    rows: (rows: readonly (readonly unknown[])[]) =>
      rows
        .map((row) => {
          const record: Record<string, unknown> = {};
          names.forEach((name, i) => (record[name] = row[i] ?? null));
          const text = `${first ? "" : ","}\n${JSON.stringify(record)}`;
          first = false;
          return text;
        })
        .join(""),
    close: "\n]\n",
  };
}

/**
 * Starts a report export (reads its first page).
 *
 * @example
 * const run = await runReport(ctx, { connection: "acme", name: "Service", format: "csv" });
 * for await (const chunk of run.chunks()) out.write(chunk);
 */
export async function runReport(ctx: AppContext, input: RunReportInput): Promise<ReportExport> {
  const row = await requireConnectionRow(ctx, input.connection);
  const cw = await ctx.clients.forConnection(row.id);
  const pages = cw.system.reports.pages(input.name, {
    pageSize: input.pageSize ?? DEFAULT_PAGE_SIZE,
    ...(input.conditions === undefined || input.conditions.trim() === ""
      ? {}
      : { conditions: input.conditions }),
    ...(input.columns === undefined ? {} : { columns: input.columns }),
  });
  const first = await firstPage(cw, input, pages);
  const columns = first.done === true ? [] : first.value.columns;
  const format = input.format ?? "json";
  const encode = encoder(format, columns);
  return {
    connectionId: row.id,
    name: input.name,
    format,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/json",
    columns,
    async *chunks() {
      let rows = 0;
      let count = 0;
      yield encode.open;
      let current = first;
      while (current.done !== true) {
        count += 1;
        rows += current.value.rows.length;
        if (current.value.rows.length > 0) yield encode.rows(current.value.rows);
        current = await pages.next();
      }
      if (encode.close !== "") yield encode.close;
      return { rows, pages: count };
    },
  };
}
