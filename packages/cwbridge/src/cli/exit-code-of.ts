/**
 * The exit code of a stable error code, for when only the code is at hand. A code's kind is
 * declared beside its error class (`*_ERROR_KINDS`, gathered in `app/error-codes.ts`; the CLI's
 * own in `cli-error.ts`), and the kind's exit code comes from the ONE table,
 * `core/error-kinds.ts`. There are no naming rules: a code nobody declared is exit 1.
 */
import { ERROR_CODE_KINDS } from "../app/error-codes.js";
import type { ErrorKind } from "../core/app-error.js";
import { ERROR_KINDS } from "../core/error-kinds.js";
import { CLI_ERROR_KINDS } from "./cli-error.js";
import { EXIT, type ExitCode } from "./exit-codes.js";

/** The code `toFailure()` gives an error without a stable code. */
export const UNEXPECTED_CODE = "CWB_ERR_CLI_UNEXPECTED";

const CLI_KINDS: ReadonlyMap<string, ErrorKind> = new Map([
  ...Object.entries(CLI_ERROR_KINDS),
  [UNEXPECTED_CODE, "internal"],
]);

/**
 * The kind of a stable code the CLI can report, or `undefined` for a code nobody declared.
 *
 * @example
 * kindOfCode("CWB_ERR_SOURCE_EXISTS") // "conflict"
 */
export function kindOfCode(code: string): ErrorKind | undefined {
  return CLI_KINDS.get(code) ?? ERROR_CODE_KINDS.get(code);
}

/**
 * The exit code of a stable error code (1 for a code nobody declared).
 *
 * @example
 * exitCodeOf("CWB_ERR_DEVICE_FILE_INVALID") // 2
 * exitCodeOf("CWB_ERR_CLI_BLOCKED") // 5
 */
export function exitCodeOf(code: string): ExitCode {
  const kind = kindOfCode(code);
  return kind === undefined ? EXIT.failure : ERROR_KINDS[kind].exitCode;
}
