/**
 * The `refresh-inventory` job: one connection's members and mapped contacts read into the
 * store. Key per connection (repeated requests coalesce into one pending job), queue per
 * connection (two refreshes of one connection never overlap), bulk priority.
 */
import { z } from "zod";
import { JOB_PRIORITY } from "../../core/context.js";
import type { JobSpec } from "../../queue/port.js";

/** The job kind. */
export const REFRESH_INVENTORY_JOB = "refresh-inventory";

/** Payload of `refresh-inventory`. */
export const refreshInventoryPayloadSchema = z
  .object({ connectionId: z.string().min(1), full: z.boolean() })
  .strict();
export type RefreshInventoryPayload = z.infer<typeof refreshInventoryPayloadSchema>;

/**
 * The refresh job of a connection.
 *
 * @example
 * await ctx.queue.enqueue(refreshInventoryJob({ connectionId, full: false }));
 */
export function refreshInventoryJob(payload: RefreshInventoryPayload): JobSpec {
  return {
    kind: REFRESH_INVENTORY_JOB,
    payload,
    key: `${REFRESH_INVENTORY_JOB}:${payload.connectionId}`,
    queue: `inventory:${payload.connectionId}`,
    priority: JOB_PRIORITY.sync,
    maxAttempts: 5,
  };
}
