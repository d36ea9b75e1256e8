/**
 * Typed errors of the sources service.
 */
import { AppError, type AppIssue, type ErrorKind } from "../../core/app-error.js";

/** Stable error codes of the sources service. */
export type SourceErrorCode =
  | "CWB_ERR_SOURCE_INVALID"
  | "CWB_ERR_SOURCE_NOT_FOUND"
  | "CWB_ERR_SOURCE_EXISTS"
  | "CWB_ERR_SOURCE_CONNECTION_NOT_FOUND";

/** The kind of each code (a taken name is a conflict). */
export const SOURCE_ERROR_KINDS = {
  CWB_ERR_SOURCE_INVALID: "invalid",
  CWB_ERR_SOURCE_NOT_FOUND: "not_found",
  CWB_ERR_SOURCE_EXISTS: "conflict",
  CWB_ERR_SOURCE_CONNECTION_NOT_FOUND: "not_found",
} as const satisfies Record<SourceErrorCode, ErrorKind>;

/**
 * An error of the sources service.
 *
 * @example
 * try { await getSource(ctx, id); }
 * catch (e) { if (e instanceof SourceError && e.code === "CWB_ERR_SOURCE_NOT_FOUND") return notFound(); }
 */
export class SourceError extends AppError<SourceErrorCode> {
  constructor(
    code: SourceErrorCode,
    message: string,
    options: { issues?: readonly AppIssue[]; cause?: unknown } = {},
  ) {
    super({ code, kind: SOURCE_ERROR_KINDS[code], message, ...options });
  }
}
