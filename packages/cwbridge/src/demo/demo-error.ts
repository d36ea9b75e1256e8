/**
 * Why the demo stopped before its end: the emulator connection failed its test, the sync was
 * blocked, or the worker's jobs did not finish. The exit code follows the code
 * (`core/exit-code-of.ts`), as the CLI's would for the same outcome.
 */

/** Stable codes of demo errors. */
export type DemoErrorCode =
  "CWB_ERR_DEMO_CONNECTION_TEST_FAILED" | "CWB_ERR_DEMO_BLOCKED" | "CWB_ERR_DEMO_JOB_FAILED";

/**
 * A demo step that did not work.
 *
 * @example
 * throw new DemoError("CWB_ERR_DEMO_BLOCKED", "sync blocked for 1 company(ies)");
 */
export class DemoError extends Error {
  readonly code: DemoErrorCode;
  constructor(code: DemoErrorCode, message: string) {
    super(message);
    this.name = "DemoError";
    this.code = code;
  }
}
