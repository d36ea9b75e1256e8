/**
 * The CLI's own error: usage problems found by the CLI itself (missing flags, unreadable
 * files, conflicting options) and outcomes a command turns into a non-zero exit
 * (a failed connection test, missing permissions, a blocked sync).
 */
import { CLI_CODES } from "../core/exit-code-of.js";
import type { ExitCode } from "./exit-codes.js";

/** Stable codes of CLI errors (their exit codes are in `core/exit-code-of.ts`, with every other code's). */
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
 * A CLI error; `details` (JSON) goes into `{ error: { code, message, details } }`.
 *
 * @example
 * throw new CliError("CWB_ERR_CLI_USAGE", "give --private-key, --private-key-file or --private-key-stdin");
 */
export class CliError extends Error {
  readonly code: CliErrorCode;
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
    super(message);
    this.name = "CliError";
    this.code = code;
    this.exitCode = CLI_CODES[code];
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
