/**
 * Typed queue errors with stable codes.
 */
import { AppError, type ErrorKind } from "../core/app-error.js";

/** Stable error codes of the queue. */
export type QueueErrorCode =
  | "CWB_ERR_QUEUE_INVALID_JOB"
  | "CWB_ERR_QUEUE_KINDS_REQUIRED"
  | "CWB_ERR_QUEUE_DRAIN_TIMEOUT"
  | "CWB_ERR_QUEUE_WRONG_DIALECT"
  | "CWB_ERR_QUEUE_RUNNER_FAILED";

/** The kind of each code: a wrong database is configuration; a drain wait or a failing runner is temporary. */
export const QUEUE_ERROR_KINDS = {
  CWB_ERR_QUEUE_INVALID_JOB: "internal",
  CWB_ERR_QUEUE_KINDS_REQUIRED: "internal",
  CWB_ERR_QUEUE_DRAIN_TIMEOUT: "unavailable",
  CWB_ERR_QUEUE_WRONG_DIALECT: "invalid",
  CWB_ERR_QUEUE_RUNNER_FAILED: "unavailable",
} as const satisfies Record<QueueErrorCode, ErrorKind>;

/**
 * Base class of every error the queue throws.
 *
 * @example
 * catch (e) { if (e instanceof QueueError && e.code === "CWB_ERR_QUEUE_DRAIN_TIMEOUT") ... }
 */
export class QueueError extends AppError<QueueErrorCode> {
  constructor(code: QueueErrorCode, message: string, options: { cause?: unknown } = {}) {
    super({ code, kind: QUEUE_ERROR_KINDS[code], message, cause: options.cause });
  }
}
