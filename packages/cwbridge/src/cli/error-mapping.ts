/**
 * The ONE place where errors become exit codes and `{ error: { code, message, details? } }`.
 * Every package's errors carry a stable string `code`; the mapping goes by code, so a new
 * service error lands in the right class without touching this file when it follows the
 * naming rules (`…_INVALID` → usage, `…_NOT_FOUND` → not found, …).
 */
import { ConnectWiseError } from "@cwbridge/connectwise";
import { CommanderError } from "commander";
import { CliError } from "./cli-error.js";
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

const BLOCKED = new Set([
  "CWB_ERR_CONNECTION_DISABLED",
  "CWB_ERR_CONNECTION_IN_USE",
  "CWB_ERR_ALERT_UNMAPPED_CUSTOMER",
  "CWB_ERR_MAPPING_TRANSITION",
  "CWB_ERR_DEVICE_SYNC_BLOCKED",
  "CWB_ERR_QUEUE_WRONG_DIALECT",
]);
const USAGE = new Set([
  "CWB_ERR_CONNECTION_DUPLICATE_NAME",
  "CWB_ERR_CONNECTION_SITE_NOT_ALLOWED",
  "CWB_ERR_SOURCE_EXISTS",
  "CWB_ERR_SECRETS_KEY_PERMS",
  "CWB_ERR_ENGINE_QUEUE_CONFIG",
  "CWB_ERR_STORE_CONFIG",
]);
const CONNECTWISE = new Set(["CWB_ERR_PERMISSIONS_UNREADABLE"]);
const NOT_FOUND = /_NOT_FOUND$|^CWB_ERR_ALERT_UNKNOWN_(SOURCE|CONNECTION)$/;

/**
 * The exit code of a stable error code.
 *
 * @example
 * exitCodeOf("CWB_ERR_DEVICE_FILE_INVALID") // 2
 */
export function exitCodeOf(code: string): ExitCode {
  if (BLOCKED.has(code)) return EXIT.blocked;
  if (USAGE.has(code) || code.endsWith("_INVALID")) return EXIT.usage;
  if (CONNECTWISE.has(code)) return EXIT.connectwise;
  if (code === "CW_NOT_FOUND" || NOT_FOUND.test(code)) return EXIT.notFound;
  if (code.startsWith("CW_")) return EXIT.connectwise;
  return EXIT.failure;
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
