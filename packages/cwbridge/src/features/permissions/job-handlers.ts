/**
 * The `permissions-check` job (enqueued by the client provider on a 403, or by
 * {@link schedulePermissionCheck}): runs the check and stores the report. Pass
 * `permissionsJobHandlers` to `openApp({ handlers })`.
 */
import { z } from "zod";
import {
  PERMISSIONS_CHECK_JOB,
  type PermissionsCheckPayload,
} from "../../connectwise/forbidden.js";
import { findConnectionRow } from "../connections/index.js";
import { JOB_PRIORITY, type AppContext, type JobHandlers } from "../../core/context.js";
import { checkPermissions } from "./check-permissions.js";

const payloadSchema = z
  .object({ connectionId: z.string().min(1), reason: z.enum(["403", "schedule", "manual"]) })
  .strict();

/**
 * Job handlers of the permissions service.
 *
 * @example
 * const engine = await openApp({ config, handlers: { ...permissionsJobHandlers } });
 */
export const permissionsJobHandlers: JobHandlers = {
  [PERMISSIONS_CHECK_JOB]: async (ctx, job) => {
    const payload = payloadSchema.parse(job.payload);
    if ((await findConnectionRow(ctx.scope.db, payload.connectionId)) === undefined) return;
    await checkPermissions(ctx, payload.connectionId);
  },
};

/**
 * Enqueues a permission check (deduplicated per connection while pending).
 *
 * @example
 * await schedulePermissionCheck(ctx, connectionId, "manual");
 */
export async function schedulePermissionCheck(
  ctx: AppContext,
  connectionId: string,
  reason: PermissionsCheckPayload["reason"],
): Promise<string> {
  const payload: PermissionsCheckPayload = { connectionId, reason };
  return ctx.queue.enqueue({
    kind: PERMISSIONS_CHECK_JOB,
    payload,
    key: `${PERMISSIONS_CHECK_JOB}:${connectionId}`,
    priority: JOB_PRIORITY.maintenance,
    maxAttempts: 3,
  });
}
