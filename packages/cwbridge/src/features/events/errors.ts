/**
 * Typed errors of the events service.
 */

/** Stable error codes of the events service. */
export type EventsErrorCode = "CWB_ERR_EVENTS_INVALID";

/**
 * An events-service error (bad query).
 *
 * @example
 * try { await queryEvents(ctx, { limit: -1 }); } catch (e) { if (e instanceof EventsError) … }
 */
export class EventsError extends Error {
  readonly code: EventsErrorCode;
  constructor(code: EventsErrorCode, message: string) {
    super(message);
    this.name = "EventsError";
    this.code = code;
  }
}
