export { EventsError, type EventsErrorCode } from "./errors.js";
export {
  followEvents,
  latestEventId,
  parseEventQuery,
  pruneEvents,
  queryEvents,
  type EventQuery,
  type EventRow,
  type FollowOptions,
} from "./query-events.js";
