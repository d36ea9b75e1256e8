/**
 * Typed errors of the alerts service (ingest, routing rules, ticket jobs, reconcile).
 */

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

/** One problem with an input, as zod reports it (path joined with dots). */
export interface AlertIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * An error of the alerts service. `issues` lists every bad field of rejected input.
 *
 * @example
 * try { await ingestAlert(ctx, sourceId, body); }
 * catch (e) { if (e instanceof AlertError && e.code === "CWB_ERR_ALERT_INVALID") return c.json({ error: e.toJSON() }, 400); }
 */
export class AlertError extends Error {
  readonly code: AlertErrorCode;
  readonly issues: readonly AlertIssue[];
  constructor(code: AlertErrorCode, message: string, issues: readonly AlertIssue[] = []) {
    super(message);
    this.name = "AlertError";
    this.code = code;
    this.issues = issues;
  }

  /** `{ code, message, issues }` for API responses. */
  toJSON(): { code: AlertErrorCode; message: string; issues: readonly AlertIssue[] } {
    return { code: this.code, message: this.message, issues: this.issues };
  }
}

/**
 * Turns zod issues into {@link AlertIssue}s (values are never echoed).
 *
 * @example
 * toIssues(result.error.issues) // [{ path: "labels.env", message: "Too big: ..." }]
 */
export function toIssues(
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
): AlertIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map((part) => String(part)).join(".") || "(root)",
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
