/**
 * Typed errors of the alerts service (ingest, routing rules, ticket jobs, reconcile).
 */
import { AppError, type AppIssue, type ErrorKind } from "../../core/app-error.js";
import { issuePath } from "../../core/issue-path.js";

/** Stable error codes of the alerts service. */
export type AlertErrorCode =
  | "CWB_ERR_ALERT_INVALID"
  | "CWB_ERR_ALERT_UNKNOWN_SOURCE"
  | "CWB_ERR_ALERT_UNMAPPED_CUSTOMER"
  | "CWB_ERR_ALERT_UNKNOWN_CONNECTION"
  | "CWB_ERR_ALERT_SETTINGS_INVALID"
  | "CWB_ERR_ALERT_ROUTING_RULE_INVALID"
  | "CWB_ERR_ALERT_ROUTING_RULE_NOT_FOUND"
  | "CWB_ERR_ALERT_ROUTE_UNRESOLVED"
  | "CWB_ERR_ALERT_ROUTE_INVALID"
  | "CWB_ERR_ALERT_BOARD_STATUS_MISSING"
  | "CWB_ERR_ALERT_JOB_PAYLOAD";

/**
 * The kind of each code. Invalid alert settings are `internal` (exit 1) even when they are the
 * new settings: the CLI checks settings itself first (bad flags are `CWB_ERR_CLI_USAGE`), so
 * the code is seen for settings already stored, which are damaged data.
 */
export const ALERT_ERROR_KINDS = {
  CWB_ERR_ALERT_INVALID: "invalid",
  CWB_ERR_ALERT_UNKNOWN_SOURCE: "not_found",
  CWB_ERR_ALERT_UNMAPPED_CUSTOMER: "blocked",
  CWB_ERR_ALERT_UNKNOWN_CONNECTION: "not_found",
  CWB_ERR_ALERT_SETTINGS_INVALID: "internal",
  CWB_ERR_ALERT_ROUTING_RULE_INVALID: "invalid",
  CWB_ERR_ALERT_ROUTING_RULE_NOT_FOUND: "not_found",
  CWB_ERR_ALERT_ROUTE_UNRESOLVED: "not_found",
  CWB_ERR_ALERT_ROUTE_INVALID: "invalid",
  CWB_ERR_ALERT_BOARD_STATUS_MISSING: "not_found",
  CWB_ERR_ALERT_JOB_PAYLOAD: "internal",
} as const satisfies Record<AlertErrorCode, ErrorKind>;

/** One problem with an input (see {@link AppIssue}). */
export type AlertIssue = AppIssue;

/**
 * An error of the alerts service. `issues` lists every bad field of rejected input.
 *
 * @example
 * try { await ingestAlert(ctx, sourceId, body); }
 * catch (e) { if (e instanceof AlertError) return c.json({ error: e.toJSON() }, httpStatusOf(e)); }
 */
export class AlertError extends AppError<AlertErrorCode> {
  constructor(code: AlertErrorCode, message: string, issues: readonly AlertIssue[] = []) {
    super({ code, kind: ALERT_ERROR_KINDS[code], message, issues });
  }
}

/**
 * Turns zod issues into {@link AlertIssue}s (values are never echoed). The whole input is still
 * named `(root)` here, not `""` as elsewhere: the ingest tests pin `(root)`.
 *
 * @example
 * toIssues(result.error.issues) // [{ path: "labels.env", message: "Too big: ..." }]
 */
export function toIssues(
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
): AlertIssue[] {
  return issues.map((issue) => ({
    path: issuePath(issue.path) || "(root)",
    message: issue.message,
  }));
}

/**
 * The input error of a failed zod parse, with one line per issue in the message.
 *
 * @example
 * if (!parsed.success) throw invalidInput("CWB_ERR_ALERT_INVALID", "alert event", parsed.error.issues);
 */
export function invalidInput(
  code: AlertErrorCode,
  what: string,
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
): AlertError {
  const list = toIssues(issues);
  const lines = list.map((issue) => `  - ${issue.path}: ${issue.message}`);
  return new AlertError(code, `invalid ${what}:\n${lines.join("\n")}`, list);
}
