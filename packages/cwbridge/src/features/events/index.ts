export { EventsError, type EventsErrorCode } from "./errors.js";
export {
  followEvents,
  followStream,
  openEventStream,
  parseFollowQuery,
  type EventStream,
  type FollowOptions,
} from "./event-stream.js";
export {
  latestEventId,
  parseEventQuery,
  pruneEvents,
  queryEvents,
  type EventQuery,
  type EventRow,
} from "./query-events.js";
