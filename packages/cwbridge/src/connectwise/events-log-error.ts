/**
 * The typed error thrown instead of sending a request whose `sending` events-log row could not
 * be written: every request that may reach ConnectWise must be in the log first.
 */

/**
 * `CWB_ERR_EVENTS_LOG_UNAVAILABLE`: the request was NOT sent. `cause` is the store error.
 *
 * @example
 * if (error instanceof EventsLogError) log.warn({ code: error.code }, "not sent: events log down");
 */
export class EventsLogError extends Error {
  readonly code = "CWB_ERR_EVENTS_LOG_UNAVAILABLE";
  constructor(method: string, path: string, cause: unknown) {
    super(`${method} ${path} not sent: the events log could not record it`, { cause });
    this.name = "EventsLogError";
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, code: this.code, message: this.message };
  }
}
