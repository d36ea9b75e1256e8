/**
 * The ONE table from stable error codes to exit codes (the CLI's own `CWB_ERR_CLI_*` codes
 * included). `CliError` takes its exit code from here, and `toFailure()` maps every other
 * typed error with it; `npm start` (main.ts) and the worker process exit with it too. Codes
 * not listed follow the naming rules, first match wins: `CW_CONDITIONS_*` → 2,
 * `…_INVALID` → 2, `…_NOT_FOUND` → 4, other `CW_*` → 3, else 1.
 */
import { EXIT, type ExitCode } from "./exit-codes.js";

const { failure, usage, connectwise, notFound, blocked } = EXIT;

/** The CLI's own errors (every `CliErrorCode` must be here: `CliError` looks its code up here). */
export const CLI_CODES = {
  CWB_ERR_CLI_USAGE: usage,
  CWB_ERR_CLI_FILE: usage,
  CWB_ERR_CLI_NOT_FOUND: notFound,
  CWB_ERR_CLI_CONNECTION_TEST_FAILED: connectwise,
  CWB_ERR_CLI_PERMISSIONS_MISSING: connectwise,
  CWB_ERR_CLI_BLOCKED: blocked,
  CWB_ERR_CLI_JOB_FAILED: failure,
  CWB_ERR_CLI_DOCTOR_FAILED: failure,
} as const satisfies Record<`CWB_ERR_CLI_${string}`, ExitCode>;

/** Codes whose exit code is not (or not only) implied by their name. */
const EXPLICIT: ReadonlyMap<string, ExitCode> = new Map(
  Object.entries({
    ...CLI_CODES,
    // An error without a stable code, reported by `toFailure()`.
    CWB_ERR_CLI_UNEXPECTED: failure,
    // `npm start`'s demo stopped: as the CLI's connection test and blocked sync or alert.
    CWB_ERR_DEMO_CONNECTION_TEST_FAILED: connectwise,
    CWB_ERR_DEMO_BLOCKED: blocked,
    // Refused on purpose.
    CWB_ERR_CONNECTION_DISABLED: blocked,
    CWB_ERR_CONNECTION_IN_USE: blocked,
    CWB_ERR_ALERT_UNMAPPED_CUSTOMER: blocked,
    // Bad input or configuration; nothing changed.
    CWB_ERR_CONNECTION_DUPLICATE_NAME: usage,
    CWB_ERR_CONNECTION_SITE_NOT_ALLOWED: usage,
    CWB_ERR_SOURCE_EXISTS: usage,
    CWB_ERR_SECRETS_KEY_PERMS: usage,
    CWB_ERR_ENGINE_QUEUE_CONFIG: usage,
    CWB_ERR_QUEUE_WRONG_DIALECT: usage,
    // Client errors raised locally, before anything is sent.
    CW_CONFIG: usage,
    CW_INVALID_ARGUMENT: usage,
    // Cancelled (a first Ctrl-C / SIGTERM): the command did not finish. A second signal exits 130.
    CW_ABORTED: failure,
    // A name that does not exist (in cwbridge or in ConnectWise).
    CWB_ERR_ALERT_UNKNOWN_SOURCE: notFound,
    CWB_ERR_ALERT_UNKNOWN_CONNECTION: notFound,
    CWB_ERR_ALERT_ROUTE_UNRESOLVED: notFound,
    // Something ConnectWise's board setup lacks (an open or closed status; a ticket's board).
    // (A type/subtype/item without a board, `CWB_ERR_ALERT_ROUTE_INVALID`, is bad input: the
    // `_INVALID` rule makes it 2.)
    CWB_ERR_ALERT_BOARD_STATUS_MISSING: notFound,
    // ConnectWise could not be asked.
    CWB_ERR_PERMISSIONS_UNREADABLE: connectwise,
    // Stored data that is damaged (not user input), despite the `_INVALID` suffix.
    CWB_ERR_SECRETS_TOKEN_INVALID: failure,
    CWB_ERR_ALERT_SETTINGS_INVALID: failure,
    CWB_ERR_DEVICE_SYNC_INVALID: failure,
  } satisfies Record<string, ExitCode>),
);

/**
 * The exit code of a stable error code.
 *
 * @example
 * exitCodeOf("CWB_ERR_DEVICE_FILE_INVALID") // 2
 * exitCodeOf("CWB_ERR_CLI_BLOCKED") // 5
 */
export function exitCodeOf(code: string): ExitCode {
  const explicit = EXPLICIT.get(code);
  if (explicit !== undefined) return explicit;
  if (code.startsWith("CW_CONDITIONS_") || code.endsWith("_INVALID")) return usage;
  if (code.endsWith("_NOT_FOUND")) return notFound;
  if (code.startsWith("CW_")) return connectwise;
  return failure;
}
