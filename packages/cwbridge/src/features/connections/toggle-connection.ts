/**
 * The enable toggle. While a connection is disabled, its clients refuse every write before
 * sending (`CWB_ERR_CONNECTION_DISABLED`, logged as a `planned` event); reads still work, so
 * tests, permission checks and dry-run plans run against the real data. The clients read the
 * flag as each write attempt is about to leave, so a disable committed here (in any process)
 * stops every write not yet logged `sending` (see `connectwise/request-log-plugin.ts`).
 */
import type { AppContext } from "../../core/context.js";
import { requireConnectionRow } from "./read-connections.js";
import { bit, findConnectionRow, toConnection, updateConnectionRow } from "./repository.js";
import type { Connection } from "./types.js";

/**
 * Enables writes to ConnectWise for a connection (by id or name).
 *
 * @example
 * await enableConnection(ctx, "acme"); // → { enabled: true, … }
 */
export function enableConnection(ctx: AppContext, ref: string): Promise<Connection> {
  return setEnabled(ctx, ref, true);
}

/**
 * Disables writes to ConnectWise for a connection (by id or name).
 *
 * @example
 * await disableConnection(ctx, "acme"); // → { enabled: false, … }
 */
export function disableConnection(ctx: AppContext, ref: string): Promise<Connection> {
  return setEnabled(ctx, ref, false);
}

async function setEnabled(ctx: AppContext, ref: string, enabled: boolean): Promise<Connection> {
  const row = await requireConnectionRow(ctx, ref);
  await updateConnectionRow(ctx.scope.db, row.id, {
    enabled: bit(enabled),
    updated_at: ctx.clock.now().toISOString(),
  });
  ctx.log.info(
    { connectionId: row.id, enabled },
    enabled ? "connection enabled" : "connection disabled",
  );
  return toConnection((await findConnectionRow(ctx.scope.db, row.id)) ?? row);
}
