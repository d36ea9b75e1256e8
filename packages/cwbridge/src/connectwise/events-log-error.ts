/**
 * The typed error thrown instead of sending a request whose `sending` events-log row could not
 * be written: every request that may reach ConnectWise must be in the log first.
 */
import { AppError, type ErrorKind } from "../core/app-error.js";

/** The kind of its one code: our own log is down for now. */
export const EVENTS_LOG_ERROR_KINDS = {
  CWB_ERR_EVENTS_LOG_UNAVAILABLE: "unavailable",
} as const satisfies Record<"CWB_ERR_EVENTS_LOG_UNAVAILABLE", ErrorKind>;

/**
 * `CWB_ERR_EVENTS_LOG_UNAVAILABLE`: the request was NOT sent. `cause` is the store error.
 *
 * @example
 * if (error instanceof EventsLogError) log.warn({ code: error.code }, "not sent: events log down");
 */
export class EventsLogError extends AppError<"CWB_ERR_EVENTS_LOG_UNAVAILABLE"> {
  constructor(method: string, path: string, cause: unknown) {
    super({
      code: "CWB_ERR_EVENTS_LOG_UNAVAILABLE",
      kind: EVENTS_LOG_ERROR_KINDS.CWB_ERR_EVENTS_LOG_UNAVAILABLE,
      message: `${method} ${path} not sent: the events log could not record it`,
      cause,
    });
  }
}
