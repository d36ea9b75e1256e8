/**
 * What happens on a 403 from ConnectWise: the request's feature(s) are recorded in `kv`
 * (`permissions:forbidden:<connectionId>`, the latest 403 with time, method, path, features)
 * and a `permissions-check` job is enqueued (deduplicated per connection by its job key). The
 * permissions service exports the handler of that job (`permissionsJobHandlers`); the check
 * stores its report under `permissions:report:<connectionId>`. A 403 on `/system/my*` (what the
 * check itself reads) is recorded but schedules nothing, so a check cannot trigger itself.
 */
import { featuresForOperation } from "../domain/permission-operations.js";
import type { PermissionFeature } from "../domain/permission-manifest.js";
import { JOB_PRIORITY } from "../core/context.js";
import type { JobQueue } from "../queue/port.js";
import type { Store } from "../store/open-store.js";
import { DEFAULT_TENANT } from "../core/tenant.js";
import { setKv } from "../store/kv.js";
import { tenantDb } from "../store/tenant-scope.js";
import type { ForbiddenEvent } from "./request-log-plugin.js";

/** Job kind of the permission check. */
export const PERMISSIONS_CHECK_JOB = "permissions-check";

/** Payload of a `permissions-check` job. */
export interface PermissionsCheckPayload {
  readonly connectionId: string;
  readonly reason: "403" | "schedule" | "manual";
}

/** The kv record of the latest 403 of a connection. */
export interface ForbiddenRecord {
  readonly at: string;
  readonly method: string;
  readonly path: string;
  readonly features: readonly PermissionFeature[];
  readonly message: string;
}

/**
 * The kv key of a connection's latest 403.
 *
 * @example
 * forbiddenKey("c1"); // "permissions:forbidden:c1"
 */
export function forbiddenKey(connectionId: string): string {
  return `permissions:forbidden:${connectionId}`;
}

/**
 * Records a 403 and schedules a permission check.
 *
 * @example
 * await recordForbidden({ store, queue, now: () => new Date() }, event);
 */
export async function recordForbidden(
  deps: {
    readonly store: Store;
    readonly queue: JobQueue;
    readonly now: () => Date;
    /** The connection's tenant (its kv row and its permission check job are its own). */
    readonly tenant?: string;
  },
  event: ForbiddenEvent,
): Promise<ForbiddenRecord> {
  const record: ForbiddenRecord = {
    at: deps.now().toISOString(),
    method: event.method,
    path: event.path,
    features: featuresForOperation(event.method, event.path),
    message: event.message,
  };
  const db = tenantDb(deps.store.db, deps.tenant ?? DEFAULT_TENANT);
  await setKv(db, forbiddenKey(event.connectionId), JSON.stringify(record));
  // The check itself reads /system/my*: a 403 there must not schedule another check (loop).
  if (/^\/system\/my/i.test(event.path)) return record;
  const payload: PermissionsCheckPayload = { connectionId: event.connectionId, reason: "403" };
  await deps.queue.enqueue({
    kind: PERMISSIONS_CHECK_JOB,
    payload,
    key: `${PERMISSIONS_CHECK_JOB}:${event.connectionId}`,
    priority: JOB_PRIORITY.maintenance,
    maxAttempts: 3,
    ...(deps.tenant === undefined ? {} : { tenant: deps.tenant }),
  });
  return record;
}
