/**
 * How a process that is not the CLI (`npm start`, the worker process) reports what stopped it:
 * the error's stable code and message, and the exit code of its kind (the one table,
 * `core/error-kinds.ts`), as the CLI gives it. An error without a stable code exits 1.
 */
import { exitCodeOfError } from "../core/error-kinds.js";
import { EXIT, type ExitCode } from "../core/exit-codes.js";

/** A thrown value as a process reports it. */
export interface ProcessFailure {
  /** The stable code (`CWB_ERR_…`, `CW_…`); undefined for an error without one. */
  readonly code?: string;
  readonly message: string;
  readonly exitCode: ExitCode;
}

/**
 * Any thrown value as a {@link ProcessFailure}; `redact` scrubs known secrets from the message.
 *
 * @example
 * processFailure(new ConfigError([…]), (t) => t) // { code: "CWB_ERR_CONFIG_INVALID", message: "invalid configuration: …", exitCode: 2 }
 */
export function processFailure(error: unknown, redact: (text: string) => string): ProcessFailure {
  const message = redact(error instanceof Error ? error.message : String(error));
  const code = (error as { code?: unknown } | null | undefined)?.code;
  if (typeof code !== "string" || !/^(CWB_ERR_|CW_)/.test(code)) {
    return { message, exitCode: EXIT.failure };
  }
  return { code, message, exitCode: exitCodeOfError(error) };
}

/**
 * The failure as one stderr text: `error [CODE]: message`.
 *
 * @example
 * failureText({ code: "CWB_ERR_CONFIG_INVALID", message: "invalid configuration", exitCode: 2 }) // "error [CWB_ERR_CONFIG_INVALID]: invalid configuration\n"
 */
export function failureText(failure: ProcessFailure): string {
  return `error${failure.code === undefined ? "" : ` [${failure.code}]`}: ${failure.message}\n`;
}
