/**
 * How the device sync treats a failed ConnectWise request.
 *
 * - `disabled`: the connection was disabled (nothing may be written): stop the run.
 * - `ambiguous`: a create may have been applied (timeout, reset, 5xx after send): keep the
 *   device outcome-unknown; the next run searches by device key before creating.
 * - `retryable`: transient (429 after retries, 5xx, timeouts): the job is retried.
 * - `gone`: the configuration no longer exists (404 on PATCH): forget its id.
 * - `permanent`: validation, permission…: recorded on the device; retrying will not help.
 */
import {
  ConnectWiseConnectionError,
  ConnectWiseError,
  ConnectWiseNotFoundError,
  ConnectWiseOutcomeUnknownError,
  ConnectWiseRateLimitError,
  ConnectWiseServerError,
  ConnectWiseTimeoutError,
} from "@cwbridge/connectwise";

/** The class of a failure. */
export type FailureKind = "disabled" | "ambiguous" | "retryable" | "gone" | "permanent";

function isDisabled(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { code?: unknown }).code === "CWB_ERR_CONNECTION_DISABLED"
  );
}

/**
 * Classifies a failed request (`create` tells whether it was a POST).
 *
 * @example
 * classifyFailure(new ConnectWiseOutcomeUnknownError({ ... }), true) // "ambiguous"
 */
export function classifyFailure(error: unknown, create: boolean): FailureKind {
  if (isDisabled(error)) return "disabled";
  if (error instanceof ConnectWiseOutcomeUnknownError) return "ambiguous";
  const transient =
    error instanceof ConnectWiseTimeoutError ||
    error instanceof ConnectWiseServerError ||
    (error instanceof ConnectWiseConnectionError && error.sent);
  if (transient) return create ? "ambiguous" : "retryable";
  if (error instanceof ConnectWiseConnectionError || error instanceof ConnectWiseRateLimitError) {
    return "retryable";
  }
  if (error instanceof ConnectWiseNotFoundError && !create) return "gone";
  if (error instanceof ConnectWiseError) return "permanent";
  return "retryable";
}

/**
 * A short, secret-free message for a failure (ConnectWise's field errors included).
 *
 * @example
 * failureMessage(error) // "CW_VALIDATION 400: configuration object is invalid (name: MaxLengthField)"
 */
export function failureMessage(error: unknown): string {
  if (error instanceof ConnectWiseError) {
    const fields = (error.errors ?? []).map(
      (e) => `${e.field ?? "?"}: ${e.code ?? e.message ?? ""}`,
    );
    const status = error.status === undefined ? "" : ` ${error.status}`;
    return `${error.code}${status}: ${error.message}${fields.length > 0 ? ` (${fields.join(", ")})` : ""}`;
  }
  return error instanceof Error ? error.message : String(error);
}
