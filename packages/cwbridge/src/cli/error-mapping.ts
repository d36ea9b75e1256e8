/**
 * The ONE place where errors become `{ error: { code, kind, message, details? } }` and an exit code.
 * The exit code comes from the error's kind (an `AppError`'s own; a ConnectWise client error's
 * from `connectwise/error-kind.ts`) through the one kind table, `core/error-kinds.ts`; the
 * code is only reported, never parsed. An error without a stable code is `CWB_ERR_CLI_UNEXPECTED`.
 */
import { ConnectWiseError } from "@cwbridge/connectwise";
import { CommanderError } from "commander";
import { AppError, type ErrorKind } from "../core/app-error.js";
import { errorKindOf, exitCodeOfError } from "../core/error-kinds.js";
import { CliError } from "./cli-error.js";
import { UNEXPECTED_CODE } from "./exit-code-of.js";
import { EXIT, type ExitCode } from "./exit-codes.js";

/** An error as the CLI reports it. */
export interface CliFailure {
  readonly exitCode: ExitCode;
  readonly code: string;
  /** The error's kind (`invalid`, `not_found`, …: `core/error-kinds.ts`), as the HTTP API reports it. */
  readonly kind: ErrorKind;
  readonly message: string;
  readonly details?: unknown;
  /** Extra lines for humans (stderr), e.g. the failed steps of a connection test. */
  readonly humanDetail?: readonly string[];
}

/**
 * Any thrown value as a {@link CliFailure}; `redact` scrubs known secrets from the message.
 *
 * @example
 * const failure = toFailure(error, secrets.redact); process.exitCode = failure.exitCode;
 */
export function toFailure(error: unknown, redact: (text: string) => string): CliFailure {
  if (error instanceof CliError) {
    const failure = withDetails(
      error.exitCode,
      error.code,
      error.kind,
      redact(error.message),
      error.details,
    );
    return error.humanDetail.length === 0
      ? failure
      : { ...failure, humanDetail: error.humanDetail };
  }
  if (error instanceof CommanderError) {
    return {
      exitCode: EXIT.usage,
      code: "CWB_ERR_CLI_USAGE",
      kind: "invalid",
      message: redact(stripPrefix(error.message)),
    };
  }
  if (error instanceof ConnectWiseError) {
    const details = { status: error.status, cwCode: error.cwCode, errors: error.errors };
    return withDetails(
      exitCodeOfError(error),
      error.code,
      errorKindOf(error),
      redact(error.message),
      details,
    );
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const stable = typeof code === "string" && /^(CWB_ERR_|CW_)/.test(code) ? code : undefined;
    const issues: unknown =
      error instanceof AppError ? error.issues : (error as { issues?: unknown }).issues;
    const details = Array.isArray(issues) && issues.length > 0 ? { issues } : undefined;
    return withDetails(
      exitCodeOfError(error),
      stable ?? UNEXPECTED_CODE,
      errorKindOf(error),
      redact(error.message),
      details,
    );
  }
  return {
    exitCode: EXIT.failure,
    code: UNEXPECTED_CODE,
    kind: "internal",
    message: redact(String(error)),
  };
}

function withDetails(
  exitCode: ExitCode,
  code: string,
  kind: ErrorKind,
  message: string,
  details: unknown,
): CliFailure {
  const failure = { exitCode, code, kind, message };
  return details === undefined ? failure : { ...failure, details };
}

function stripPrefix(message: string): string {
  return message.replace(/^error: /, "");
}
