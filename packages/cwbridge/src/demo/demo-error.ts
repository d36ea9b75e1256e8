/**
 * Why the demo stopped before its end: the emulator connection failed its test, the sync was
 * blocked, or the worker's jobs did not finish. The exit code follows the kind (the one table,
 * `core/error-kinds.ts`), as the CLI's would for the same outcome.
 */
import { AppError, type ErrorKind } from "../core/app-error.js";

/** Stable codes of demo errors. */
export type DemoErrorCode =
  "CWB_ERR_DEMO_CONNECTION_TEST_FAILED" | "CWB_ERR_DEMO_BLOCKED" | "CWB_ERR_DEMO_JOB_FAILED";

/** The kind of each code. */
export const DEMO_ERROR_KINDS = {
  CWB_ERR_DEMO_CONNECTION_TEST_FAILED: "upstream",
  CWB_ERR_DEMO_BLOCKED: "blocked",
  CWB_ERR_DEMO_JOB_FAILED: "internal",
} as const satisfies Record<DemoErrorCode, ErrorKind>;

/**
 * A demo step that did not work.
 *
 * @example
 * throw new DemoError("CWB_ERR_DEMO_BLOCKED", "sync blocked for 1 company(ies)");
 */
export class DemoError extends AppError<DemoErrorCode> {
  constructor(code: DemoErrorCode, message: string) {
    super({ code, kind: DEMO_ERROR_KINDS[code], message });
  }
}
