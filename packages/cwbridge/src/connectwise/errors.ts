/**
 * Typed errors about connections (shared by the client plumbing and the connections service).
 * Messages name fields and causes, never secret values.
 */
import { AppError, type AppIssue, type ErrorKind } from "../core/app-error.js";

/** Stable error codes about connections. */
export type ConnectionErrorCode =
  | "CWB_ERR_CONNECTION_INVALID"
  | "CWB_ERR_CONNECTION_DUPLICATE_NAME"
  | "CWB_ERR_CONNECTION_NOT_FOUND"
  | "CWB_ERR_CONNECTION_DISABLED"
  | "CWB_ERR_CONNECTION_SITE_NOT_ALLOWED"
  | "CWB_ERR_CONNECTION_IN_USE";

/**
 * The kind of each code: a taken name is a conflict; a site outside the policy is bad input; a
 * disabled connection and one still referenced are refused on purpose.
 */
export const CONNECTION_ERROR_KINDS = {
  CWB_ERR_CONNECTION_INVALID: "invalid",
  CWB_ERR_CONNECTION_DUPLICATE_NAME: "conflict",
  CWB_ERR_CONNECTION_NOT_FOUND: "not_found",
  CWB_ERR_CONNECTION_DISABLED: "blocked",
  CWB_ERR_CONNECTION_SITE_NOT_ALLOWED: "invalid",
  CWB_ERR_CONNECTION_IN_USE: "blocked",
} as const satisfies Record<ConnectionErrorCode, ErrorKind>;

/**
 * One bad input field (`field`: its dotted name, `(input)` for the input as a whole). `path`,
 * when the issue comes from zod, is its {@link AppIssue} path (`settings.features[1]`); else the
 * field is the path.
 */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
  readonly path?: string;
}

/** An issue of a connection input: an {@link AppIssue} that keeps the field's name. */
export interface ConnectionIssue extends AppIssue {
  readonly field: string;
}

/**
 * A connection error; `issues` lists every bad field of an invalid input (`path` is the field,
 * `""` for the input as a whole).
 *
 * @example
 * try { await addConnection(ctx, input); }
 * catch (e) { if (e instanceof ConnectionError) console.error(e.code, e.issues); }
 */
export class ConnectionError extends AppError<ConnectionErrorCode, ConnectionIssue> {
  constructor(code: ConnectionErrorCode, message: string, issues: readonly FieldIssue[] = []) {
    super({ code, kind: CONNECTION_ERROR_KINDS[code], message, issues: issues.map(toIssue) });
  }
}

function toIssue(issue: FieldIssue): ConnectionIssue {
  const path = issue.path ?? (issue.field === "(input)" ? "" : issue.field);
  return { path, field: issue.field, message: issue.message };
}

/**
 * An invalid-input error listing every issue.
 *
 * @example
 * throw invalidInput([{ field: "site", message: "required" }]);
 */
export function invalidInput(issues: readonly FieldIssue[]): ConnectionError {
  const lines = issues.map((i) => `  - ${flagOf(i.field)}: ${i.message}`).join("\n");
  return new ConnectionError("CWB_ERR_CONNECTION_INVALID", `invalid connection:\n${lines}`, issues);
}

/** Connection fields whose flag is not simply the field in kebab case. */
const FLAG_NAMES: Readonly<Record<string, string>> = { companyId: "--company" };

/**
 * The flag a connection field is given with (`allowOnPrem` → `--allow-on-prem`): messages name
 * what the user typed; the issues keep the field paths. Nested paths stay as they are.
 *
 * @example
 * flagOf("allowOnPrem") // "--allow-on-prem"
 * flagOf("companyId") // "--company"
 */
export function flagOf(field: string): string {
  if (!/^[a-z][a-zA-Z]*$/.test(field)) return field;
  return FLAG_NAMES[field] ?? `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * The site-policy error (`CWB_ERR_CONNECTION_SITE_NOT_ALLOWED`), listing every issue.
 *
 * @example
 * throw siteNotAllowed([{ field: "allowOnPrem", message: "…needs --allow-on-prem" }]);
 */
export function siteNotAllowed(issues: readonly FieldIssue[]): ConnectionError {
  const lines = issues.map((i) => `  - ${flagOf(i.field)}: ${i.message}`).join("\n");
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
