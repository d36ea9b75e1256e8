/**
 * The ONE place where errors become `{ error: { code, message, details? } }` and an exit code.
 * Every package's errors carry a stable string `code`; the mapping goes by code, so a new
 * service error lands in the right class without touching this file when it follows the
 * naming rules (`…_INVALID` → usage, `…_NOT_FOUND` → not found, …); the code → exit code table
 * itself is `core/exit-code-of.ts` (the single source of truth, `CliError` uses it too).
 */
import { ConnectWiseError } from "@cwbridge/connectwise";
import { CommanderError } from "commander";
import { CliError } from "./cli-error.js";
import { exitCodeOf } from "../core/exit-code-of.js";
import { EXIT, type ExitCode } from "./exit-codes.js";

/** An error as the CLI reports it. */
export interface CliFailure {
  readonly exitCode: ExitCode;
  readonly code: string;
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
    const failure = withDetails(error.exitCode, error.code, redact(error.message), error.details);
    return error.humanDetail.length === 0
      ? failure
      : { ...failure, humanDetail: error.humanDetail };
  }
  if (error instanceof CommanderError) {
    return {
      exitCode: EXIT.usage,
      code: "CWB_ERR_CLI_USAGE",
      message: redact(stripPrefix(error.message)),
    };
  }
  if (error instanceof ConnectWiseError) {
    const details = { status: error.status, cwCode: error.cwCode, errors: error.errors };
    return withDetails(exitCodeOf(error.code), error.code, redact(error.message), details);
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const stable = typeof code === "string" && /^(CWB_ERR_|CW_)/.test(code) ? code : undefined;
    const issues = (error as { issues?: unknown }).issues;
    const details = Array.isArray(issues) && issues.length > 0 ? { issues } : undefined;
    return withDetails(
      stable === undefined ? EXIT.failure : exitCodeOf(stable),
      stable ?? "CWB_ERR_CLI_UNEXPECTED",
      redact(error.message),
      details,
    );
  }
  return { exitCode: EXIT.failure, code: "CWB_ERR_CLI_UNEXPECTED", message: redact(String(error)) };
}

function withDetails(
  exitCode: ExitCode,
  code: string,
  message: string,
  details: unknown,
): CliFailure {
  return details === undefined ? { exitCode, code, message } : { exitCode, code, message, details };
}

function stripPrefix(message: string): string {
  return message.replace(/^error: /, "");
}
