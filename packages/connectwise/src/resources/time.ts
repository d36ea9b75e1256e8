/** `time`: time entries (`/time/entries`). */
import { entityPath } from "../entities.js";
import type { TimeEntry, TimeEntryCreate } from "../schemas/time.js";
import { collection, pick, type Collection, type ResourceContext } from "./collection.js";

/** Time entries. */
export type TimeEntriesResource = Pick<
  Collection<TimeEntry, TimeEntryCreate>,
  "list" | "iterate" | "all" | "get" | "count" | "create" | "patch"
>;

/** The `time` facade. */
export interface TimeResource {
  readonly entries: TimeEntriesResource;
}

/**
 * The `time` facade.
 *
 * @example
 * await time.entries.create({ chargeToId: 9001, chargeToType: "ServiceTicket", timeStart: "2025-06-02T14:00:00Z" });
 */
export function createTimeResource(ctx: ResourceContext): TimeResource {
  return {
    entries: pick(
      collection<TimeEntry, TimeEntryCreate>(ctx, entityPath("TimeEntry"), "TimeEntry"),
      ["list", "iterate", "all", "get", "count", "create", "patch"],
    ),
  };
}
