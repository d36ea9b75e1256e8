/**
 * The use cases of the events feature (see `core/use-case.ts`). Bad input throws the
 * feature's own `CWB_ERR_EVENTS_INVALID` (the `invalid` hook lets `parseEventQuery` /
 * `parseFollowQuery` word it, as `queryEvents` does).
 */
import { defineUseCase, thrownBy } from "../../core/use-case.js";
import {
  followQuerySchema,
  openEventStream,
  parseFollowQuery,
  type FollowOptions,
} from "./event-stream.js";
import { eventQuerySchema, parseEventQuery, queryEvents, type EventQuery } from "./query-events.js";
import { EventsError } from "./errors.js";

/** The error of refused input, in the words of the feature's own parser. */
function invalidBy(parse: (raw: unknown) => unknown) {
  return async (_issues: unknown, raw: unknown) =>
    (await thrownBy(() => parse(raw))) ??
    new EventsError("CWB_ERR_EVENTS_INVALID", "invalid events query");
}

/** The events feature's use cases, by name. */
export const eventsUseCases = {
  query: defineUseCase({
    name: "query",
    summary: "Events of the log matching the filters, oldest first",
    input: eventQuerySchema,
    invalid: invalidBy(parseEventQuery),
    run: (ctx, input) => queryEvents(ctx, input as EventQuery),
  }),
  follow: defineUseCase({
    name: "follow",
    summary: "A stream of the events after a cursor (default: from now), with the query's filters",
    input: followQuerySchema,
    invalid: invalidBy(parseFollowQuery),
    run: (ctx, input) => openEventStream(ctx, input as FollowOptions),
  }),
};
