/**
 * Typed errors of the reports feature. A 403 from ConnectWise is not wrapped: it stays the
 * client's `CW_PERMISSION` (which records the 403 and schedules the permission check).
 */
import { AppError, type AppIssue, type ErrorKind } from "../../core/app-error.js";

/** Stable error codes of the reports feature. */
export type ReportsErrorCode = "CWB_ERR_REPORTS_INVALID" | "CWB_ERR_REPORTS_NOT_FOUND";

/** The kind of each code. */
export const REPORTS_ERROR_KINDS = {
  CWB_ERR_REPORTS_INVALID: "invalid",
  CWB_ERR_REPORTS_NOT_FOUND: "not_found",
} as const satisfies Record<ReportsErrorCode, ErrorKind>;

/**
 * A reports error: bad input (name, conditions, columns, page size, format) or an unknown
 * report.
 *
 * @example
 * throw new ReportsError("CWB_ERR_REPORTS_NOT_FOUND", "no report 'X' in ConnectWise");
 */
export class ReportsError extends AppError<ReportsErrorCode> {
  constructor(
    code: ReportsErrorCode,
    message: string,
    options: { issues?: readonly AppIssue[]; cause?: unknown } = {},
  ) {
    super({
      code,
      kind: REPORTS_ERROR_KINDS[code],
      message,
      ...(options.issues === undefined ? {} : { issues: options.issues }),
      cause: options.cause,
    });
  }
}
