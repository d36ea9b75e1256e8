/**
 * Typed errors of the engine (composition root and job dispatch).
 */
import { AppError, type AppIssue, type ErrorKind } from "./app-error.js";

/** Stable error codes of the engine. */
export type EngineErrorCode =
  | "CWB_ERR_ENGINE_QUEUE_CONFIG"
  | "CWB_ERR_ENGINE_NO_HANDLER"
  | "CWB_ERR_ENGINE_STATE"
  | "CWB_ERR_ENGINE_INPUT_INVALID";

/** The kind of each code: a queue that does not fit the database and refused use-case input are `invalid`; the rest are bugs. */
export const ENGINE_ERROR_KINDS = {
  CWB_ERR_ENGINE_QUEUE_CONFIG: "invalid",
  CWB_ERR_ENGINE_NO_HANDLER: "internal",
  CWB_ERR_ENGINE_STATE: "internal",
  CWB_ERR_ENGINE_INPUT_INVALID: "invalid",
} as const satisfies Record<EngineErrorCode, ErrorKind>;

/**
 * An engine error.
 *
 * @example
 * try { await openApp({ config }); }
 * catch (e) { if (e instanceof EngineError && e.code === "CWB_ERR_ENGINE_QUEUE_CONFIG") exit(2); }
 */
export class EngineError extends AppError<EngineErrorCode> {
  constructor(
    code: EngineErrorCode,
    message: string,
    options: { readonly issues?: readonly AppIssue[] } = {},
  ) {
    super({
      code,
      kind: ENGINE_ERROR_KINDS[code],
      message,
      ...(options.issues === undefined ? {} : { issues: options.issues }),
    });
  }
}
