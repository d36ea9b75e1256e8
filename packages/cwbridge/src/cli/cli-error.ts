/**
 * The CLI's own error: usage problems found by the CLI itself (missing flags, unreadable
 * files, conflicting options) and outcomes a command turns into a non-zero exit
 * (a failed connection test, missing permissions, a blocked sync).
 */
import { AppError, type ErrorKind } from "../core/app-error.js";
import { ERROR_KINDS } from "../core/error-kinds.js";
import type { ExitCode } from "./exit-codes.js";

/** Stable codes of CLI errors (their exit codes come from their kinds: `core/error-kinds.ts`). */
export type CliErrorCode =
  | "CWB_ERR_CLI_USAGE"
  | "CWB_ERR_CLI_FILE"
  | "CWB_ERR_CLI_NOT_FOUND"
  | "CWB_ERR_CLI_CONNECTION_TEST_FAILED"
  | "CWB_ERR_CLI_PERMISSIONS_MISSING"
  | "CWB_ERR_CLI_BLOCKED"
  | "CWB_ERR_CLI_JOB_FAILED"
  | "CWB_ERR_CLI_DOCTOR_FAILED";

/**
 * The kind of each CLI code: a failed connection test or missing permissions are ConnectWise's
 * answer (`upstream`); a failed job or doctor check is `internal` (exit 1).
 */
export const CLI_ERROR_KINDS = {
  CWB_ERR_CLI_USAGE: "invalid",
  CWB_ERR_CLI_FILE: "invalid",
  CWB_ERR_CLI_NOT_FOUND: "not_found",
  CWB_ERR_CLI_CONNECTION_TEST_FAILED: "upstream",
  CWB_ERR_CLI_PERMISSIONS_MISSING: "upstream",
  CWB_ERR_CLI_BLOCKED: "blocked",
  CWB_ERR_CLI_JOB_FAILED: "internal",
  CWB_ERR_CLI_DOCTOR_FAILED: "internal",
} as const satisfies Record<CliErrorCode, ErrorKind>;

/**
 * A CLI error; `details` (JSON) goes into `{ error: { code, message, details } }`.
 *
 * @example
 * throw new CliError("CWB_ERR_CLI_USAGE", "give --private-key, --private-key-file or --private-key-stdin");
 */
export class CliError extends AppError<CliErrorCode> {
  readonly exitCode: ExitCode;
  readonly details: unknown;
  /** Extra lines shown to humans under the message (steps, fixes). */
  readonly humanDetail: readonly string[];
  constructor(
    code: CliErrorCode,
    message: string,
    details?: unknown,
    humanDetail: readonly string[] = [],
  ) {
    super({ code, kind: CLI_ERROR_KINDS[code], message });
    this.exitCode = ERROR_KINDS[this.kind].exitCode;
    this.details = details;
    this.humanDetail = humanDetail;
  }
}

/**
 * Shorthand for a usage error.
 *
 * @example
 * throw usageError("--limit must be a positive integer");
 */
export function usageError(message: string, details?: unknown): CliError {
  return new CliError("CWB_ERR_CLI_USAGE", message, details);
}
