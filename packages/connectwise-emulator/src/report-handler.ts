/**
 * `/system/reports`: the reports the member's role may read (`[{ name }]`), and one report's
 * data in ConnectWise's shape — `{ column_definitions: [{ Name: { type, isNullable,
 * identityColumn } }, …], row_values: [[…], …] }` — paged (`page`, `pageSize`, navigable
 * `Link`), filtered by `conditions` over the column names, narrowed by `columns`
 * (comma-separated), plus `/columns` (the column definitions) and `/count` (`{ count }`).
 * Every call needs System → API Reports (inquire); a report also needs its module's
 * Reports function (inquire), else 403; an unknown report is 404.
 */
import type { ApiScope } from "./api-scope.js";
import { CwHttpError, badRequest } from "./errors.js";
import { buildFilter } from "./list-query.js";
import { navigableLink, readPaging } from "./pagination.js";
import { levelOf, requirePermission } from "./permissions.js";
import {
  REPORTS,
  REPORT_PERMISSIONS,
  findReport,
  reportRecord,
  storeLookup,
  type ReportColumn,
  type ReportDef,
} from "./report-defs.js";
import type { Reply } from "./responses.js";

/** What a report route asks for. */
export type ReportOp = "list" | "data" | "columns" | "count";

const canRead = (scope: ApiScope, report: ReportDef): boolean =>
  levelOf(scope.state.store, scope.member.roleId, report.permission, "inquire").toLowerCase() !==
  "none";

function param(scope: ApiScope, name: string): string | undefined {
  const key = Object.keys(scope.query).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : scope.query[key];
}

function requireReport(scope: ApiScope, name: string): ReportDef {
  const report = findReport(name);
  if (!report) {
    throw new CwHttpError(404, "NotFound", `Report '${name}' was not found.`);
  }
  requirePermission(scope.state.store, scope.member, report.permission, "inquire");
  return report;
}

function selectedColumns(scope: ApiScope, report: ReportDef): readonly ReportColumn[] {
  const text = param(scope, "columns");
  if (text === undefined || text.trim() === "") return report.columns;
  const names = text.split(",").map((name) => name.trim());
  return names.map((name) => {
    const column = report.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (!column) throw badRequest(`Column '${name}' is not a column of report ${report.name}.`);
    return column;
  });
}

const definitions = (columns: readonly ReportColumn[]): Record<string, unknown>[] =>
  columns.map((c) => ({
    [c.name]: { type: c.type, isNullable: c.isNullable, identityColumn: c.identityColumn },
  }));

/** The report's records that match `conditions` (all of them without). */
function matching(scope: ApiScope, report: ReportDef): Record<string, unknown>[] | undefined {
  const conditions = param(scope, "conditions");
  if (conditions === undefined || conditions.trim() === "") return undefined;
  const names = new Set(report.columns.map((c) => c.name.toLowerCase()));
  const filter = buildFilter({ conditions }, report.name, (first) =>
    names.has(first.toLowerCase()),
  );
  const lookup = storeLookup(scope.state.store);
  const out: Record<string, unknown>[] = [];
  for (const row of scope.state.store.table(report.table).rows) {
    const record = reportRecord(report, row, lookup);
    if (!filter || filter(record)) out.push(record);
  }
  return out;
}

function dataReply(scope: ApiScope, report: ReportDef): Reply {
  const columns = selectedColumns(scope, report);
  const paging = readPaging(scope.query, false);
  const start = (paging.page - 1) * paging.pageSize;
  const filtered = matching(scope, report);
  const lookup = storeLookup(scope.state.store);
  const total = filtered?.length ?? scope.state.store.table(report.table).rows.length;
  const page =
    filtered?.slice(start, start + paging.pageSize) ??
    scope.state.store
      .table(report.table)
      .rows.slice(start, start + paging.pageSize)
      .map((row) => reportRecord(report, row, lookup));
  const rowValues = page.map((record) => columns.map((c) => record[c.name] ?? null));
  return {
    status: 200,
    body: { column_definitions: definitions(columns), row_values: rowValues },
    headers: { link: navigableLink(scope.url, paging, total) },
    rows: rowValues.length,
  };
}

/**
 * Answers a report route.
 *
 * @example
 * reportReply(scope, "data", "Service");
 */
export function reportReply(scope: ApiScope, op: ReportOp, name: string | undefined): Reply {
  requirePermission(scope.state.store, scope.member, REPORT_PERMISSIONS.api, "inquire");
  if (op === "list" || name === undefined) {
    const body = REPORTS.filter((report) => canRead(scope, report)).map((r) => ({ name: r.name }));
    return { status: 200, body, rows: body.length };
  }
  const report = requireReport(scope, name);
  if (op === "columns") return { status: 200, body: definitions(report.columns) };
  if (op === "count") {
    const count =
      matching(scope, report)?.length ?? scope.state.store.table(report.table).rows.length;
    return { status: 200, body: { count } };
  }
  return dataReply(scope, report);
}
