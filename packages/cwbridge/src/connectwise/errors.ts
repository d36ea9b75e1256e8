/**
 * Typed errors about connections (shared by the client plumbing and the connections service).
 * Messages name fields and causes, never secret values.
 */

/** Stable error codes about connections. */
export type ConnectionErrorCode =
  | "CWB_ERR_CONNECTION_INVALID"
  | "CWB_ERR_CONNECTION_DUPLICATE_NAME"
  | "CWB_ERR_CONNECTION_NOT_FOUND"
  | "CWB_ERR_CONNECTION_DISABLED"
  | "CWB_ERR_CONNECTION_SITE_NOT_ALLOWED"
  | "CWB_ERR_CONNECTION_IN_USE";

/** One bad input field. */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/**
 * A connection error; `issues` lists every bad field of an invalid input.
 *
 * @example
 * try { await addConnection(ctx, input); }
 * catch (e) { if (e instanceof ConnectionError) console.error(e.code, e.issues); }
 */
export class ConnectionError extends Error {
  readonly code: ConnectionErrorCode;
  readonly issues: readonly FieldIssue[];
  constructor(code: ConnectionErrorCode, message: string, issues: readonly FieldIssue[] = []) {
    super(message);
    this.name = "ConnectionError";
    this.code = code;
    this.issues = issues;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message, issues: this.issues };
  }
}

/**
 * An invalid-input error listing every issue.
 *
 * @example
 * throw invalidInput([{ field: "site", message: "required" }]);
 */
export function invalidInput(issues: readonly FieldIssue[]): ConnectionError {
  const lines = issues.map((i) => `  - ${i.field}: ${i.message}`).join("\n");
  return new ConnectionError("CWB_ERR_CONNECTION_INVALID", `invalid connection:\n${lines}`, issues);
}

/**
 * The site-policy error (`CWB_ERR_CONNECTION_SITE_NOT_ALLOWED`), listing every issue.
 *
 * @example
 * throw siteNotAllowed([{ field: "allowOnPrem", message: "…needs allowOnPrem: true (--allow-on-prem)" }]);
 */
export function siteNotAllowed(issues: readonly FieldIssue[]): ConnectionError {
  const lines = issues.map((i) => `  - ${i.field}: ${i.message}`).join("\n");
  return new ConnectionError(
    "CWB_ERR_CONNECTION_SITE_NOT_ALLOWED",
    `site not allowed:\n${lines}`,
    issues,
  );
}

/**
 * The "write refused while disabled" error.
 *
 * @example
 * throw connectionDisabled("c1", "POST", "/service/tickets");
 */
export function connectionDisabled(id: string, method: string, path: string): ConnectionError {
  return new ConnectionError(
    "CWB_ERR_CONNECTION_DISABLED",
    `connection ${id} is disabled: ${method} ${path} was not sent. Nothing is written to ConnectWise until the connection is enabled (cwbridge connections enable ${id}).`,
  );
}

/**
 * The "no such connection" error.
 *
 * @example
 * throw connectionNotFound("c1");
 */
export function connectionNotFound(id: string): ConnectionError {
  return new ConnectionError("CWB_ERR_CONNECTION_NOT_FOUND", `no connection with id ${id}`);
}
