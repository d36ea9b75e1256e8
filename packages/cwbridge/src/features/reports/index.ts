export { REPORTS_ERROR_KINDS, ReportsError, type ReportsErrorCode } from "./errors.js";
export { listReports, type ReportList } from "./list-reports.js";
export {
  REPORT_FORMATS,
  listReportsSchema,
  runReportSchema,
  type ListReportsInput,
  type ReportFormat,
  type RunReportInput,
} from "./report-input.js";
export { runReport, type ReportExport, type ReportExportTotals } from "./run-report.js";
