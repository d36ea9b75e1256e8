/**
 * Typed errors of the engine (composition root and job dispatch).
 */

/** Stable error codes of the engine. */
export type EngineErrorCode =
  "CWB_ERR_ENGINE_QUEUE_CONFIG" | "CWB_ERR_ENGINE_NO_HANDLER" | "CWB_ERR_ENGINE_STATE";

/**
 * An engine error.
 *
 * @example
 * try { await openApp({ config }); }
 * catch (e) { if (e instanceof EngineError && e.code === "CWB_ERR_ENGINE_QUEUE_CONFIG") exit(2); }
 */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  constructor(code: EngineErrorCode, message: string) {
    super(message);
    this.name = "EngineError";
    this.code = code;
  }
}
