/**
 * Typed errors of the events service.
 */
import { AppError, type ErrorKind } from "../../core/app-error.js";

/** Stable error codes of the events service. */
export type EventsErrorCode = "CWB_ERR_EVENTS_INVALID";

/** The kind of each code (one meaning: a bad query). */
export const EVENTS_ERROR_KINDS = {
  CWB_ERR_EVENTS_INVALID: "invalid",
} as const satisfies Record<EventsErrorCode, ErrorKind>;

/**
 * An events-service error (bad query).
 *
 * @example
 * try { await queryEvents(ctx, { limit: -1 }); } catch (e) { if (e instanceof EventsError) … }
 */
export class EventsError extends AppError<EventsErrorCode> {
  constructor(code: EventsErrorCode, message: string) {
    super({ code, kind: EVENTS_ERROR_KINDS[code], message });
  }
}
