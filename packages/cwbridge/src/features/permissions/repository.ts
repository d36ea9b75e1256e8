/**
 * The permissions repository: the connection's latest report and latest 403, kept in `kv`
 * (`permissions:report:<connectionId>`, `permissions:forbidden:<connectionId>`; the 403 record
 * is written by the adapter, `connectwise/forbidden.ts`). Through the tenant-scoped handle only.
 */
import { forbiddenKey } from "../../connectwise/forbidden.js";
import { getKv, setKv } from "../../store/kv.js";
import type { TenantDb } from "../../store/tenant-scope.js";

/**
 * The kv key of a connection's latest report.
 *
 * @example
 * reportKey("c1"); // "permissions:report:c1"
 */
export function reportKey(connectionId: string): string {
  return `permissions:report:${connectionId}`;
}

/**
 * Stores a connection's latest report (JSON).
 *
 * @example
 * await saveReportJson(ctx.scope.db, id, JSON.stringify(stored));
 */
export async function saveReportJson(
  db: TenantDb,
  connectionId: string,
  json: string,
): Promise<void> {
  await setKv(db, reportKey(connectionId), json);
}

/**
 * The stored JSON of a connection's latest report and latest 403 (either may be undefined).
 *
 * @example
 * const { report, forbidden } = await readPermissionRecords(ctx.scope.db, id);
 */
export async function readPermissionRecords(
  db: TenantDb,
  connectionId: string,
): Promise<{ report: string | undefined; forbidden: string | undefined }> {
  return {
    report: await getKv(db, reportKey(connectionId)),
    forbidden: await getKv(db, forbiddenKey(connectionId)),
  };
}
