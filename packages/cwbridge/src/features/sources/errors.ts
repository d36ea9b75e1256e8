/**
 * Typed errors of the sources service.
 */

/** Stable error codes of the sources service. */
export type SourceErrorCode =
  | "CWB_ERR_SOURCE_INVALID"
  | "CWB_ERR_SOURCE_NOT_FOUND"
  | "CWB_ERR_SOURCE_EXISTS"
  | "CWB_ERR_SOURCE_CONNECTION_NOT_FOUND";

/**
 * An error of the sources service.
 *
 * @example
 * try { await getSource(ctx, id); }
 * catch (e) { if (e instanceof SourceError && e.code === "CWB_ERR_SOURCE_NOT_FOUND") return notFound(); }
 */
export class SourceError extends Error {
  readonly code: SourceErrorCode;
  constructor(code: SourceErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SourceError";
    this.code = code;
  }
}
