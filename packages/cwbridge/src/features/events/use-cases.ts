/**
 * The use cases of the events feature (see `core/use-case.ts`). Bad input throws the
 * feature's own `CWB_ERR_EVENTS_INVALID`, as `queryEvents` does. Following the log (a stream)
 * is `followEvents`, not a use case.
 */
import { defineUseCase } from "../../core/use-case.js";
import { checkedBy } from "../../lib/checked-schema.js";
import { eventQuerySchema, parseEventQuery, queryEvents, type EventQuery } from "./query-events.js";

/** The events feature's use cases, by name. */
export const eventsUseCases = {
  query: defineUseCase({
    name: "query",
    summary: "Events of the log matching the filters, oldest first",
    input: checkedBy(eventQuerySchema, (raw) => void parseEventQuery(raw)),
    run: (ctx, input) => queryEvents(ctx, input as EventQuery),
  }),
};
