/**
 * Typed queue errors with stable codes.
 */

/** Stable error codes of the queue. */
export type QueueErrorCode =
  | "CWB_ERR_QUEUE_INVALID_JOB"
  | "CWB_ERR_QUEUE_KINDS_REQUIRED"
  | "CWB_ERR_QUEUE_DRAIN_TIMEOUT"
  | "CWB_ERR_QUEUE_WRONG_DIALECT"
  | "CWB_ERR_QUEUE_RUNNER_FAILED";

/**
 * Base class of every error the queue throws.
 *
 * @example
 * catch (e) { if (e instanceof QueueError && e.code === "CWB_ERR_QUEUE_DRAIN_TIMEOUT") ... }
 */
export class QueueError extends Error {
  readonly code: QueueErrorCode;
  constructor(code: QueueErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}
