/**
 * The inventory feature's job handler and the reports it keeps: each `refresh-inventory` run
 * stores its report (or its error) under `inventory:report:<connectionId>` in the kv table.
 */
import type { AppContext, JobHandlers } from "../../core/context.js";
import { getKv, setKv } from "../../store/kv.js";
import { nowIso } from "../../store/index.js";
import { findConnectionRow } from "../connections/index.js";
import { REFRESH_INVENTORY_JOB, refreshInventoryPayloadSchema } from "./job-specs.js";
import { refreshInventory, type RefreshReport } from "./refresh-inventory.js";

/** The last refresh of a connection: its report, or the error of the failed attempt. */
export type StoredRefresh =
  | (RefreshReport & { readonly outcome: "ok" })
  | {
      readonly outcome: "error";
      readonly connectionId: string;
      readonly at: string;
      readonly error: { readonly code: string | null; readonly message: string };
    };

const reportKey = (connectionId: string) => `inventory:report:${connectionId}`;

function errorOf(error: unknown): { code: string | null; message: string } {
  const e = error as { code?: unknown; message?: unknown };
  return {
    code: typeof e.code === "string" ? e.code : null,
    message: typeof e.message === "string" ? e.message : String(error),
  };
}

/**
 * The stored last refresh of a connection, if any.
 *
 * @example
 * (await lastRefresh(ctx, connectionId))?.outcome // "ok"
 */
export async function lastRefresh(
  ctx: AppContext,
  connectionId: string,
): Promise<StoredRefresh | undefined> {
  const text = await getKv(ctx.scope.db, reportKey(connectionId));
  return text === undefined ? undefined : (JSON.parse(text) as StoredRefresh);
}

/** Job handlers of the inventory feature. */
export const inventoryJobHandlers: JobHandlers = {
  [REFRESH_INVENTORY_JOB]: async (ctx, job) => {
    const payload = refreshInventoryPayloadSchema.parse(job.payload);
    if ((await findConnectionRow(ctx.scope.db, payload.connectionId)) === undefined) return;
    try {
      const report = await refreshInventory(ctx, payload.connectionId, { full: payload.full });
      const stored: StoredRefresh = { ...report, outcome: "ok" };
      await setKv(ctx.scope.db, reportKey(payload.connectionId), JSON.stringify(stored));
    } catch (error) {
      const stored: StoredRefresh = {
        outcome: "error",
        connectionId: payload.connectionId,
        at: nowIso(),
        error: errorOf(error),
      };
      await setKv(ctx.scope.db, reportKey(payload.connectionId), JSON.stringify(stored));
      throw error;
    }
  },
};
