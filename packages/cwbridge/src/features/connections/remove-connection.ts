/**
 * Removing a connection. Refused while incidents reference it (their tickets would be
 * orphaned); sources keep existing (their connection is cleared); companies, mappings and
 * configuration types of the connection go with it (cascade). Events-log rows stay.
 */
import { ConnectionError } from "../../connectwise/errors.js";
import type { AppContext } from "../../core/context.js";
import { deleteKv } from "../../store/kv.js";
import { requireConnectionRow } from "./read-connections.js";
import { deleteConnectionRow, toConnection } from "./repository.js";
import type { Connection } from "./types.js";

/**
 * Removes a connection by id or name; returns what was removed. Throws
 * `CWB_ERR_CONNECTION_NOT_FOUND` or `CWB_ERR_CONNECTION_IN_USE`.
 *
 * @example
 * await removeConnection(ctx, "acme");
 */
export async function removeConnection(ctx: AppContext, ref: string): Promise<Connection> {
  const row = await requireConnectionRow(ctx, ref);
  await ctx.scope.transaction(async (tx) => {
    // The alerts feature counts its incidents (it imports connections, so a link, not an import).
    const incidents = await ctx.links.countConnectionIncidents(tx, row.id);
    if (incidents > 0) {
      throw new ConnectionError(
        "CWB_ERR_CONNECTION_IN_USE",
        `connection '${row.name}' has ${incidents} incident(s); disable it instead, or close and purge its incidents first`,
      );
    }
    await deleteConnectionRow(tx, row.id);
    await deleteKv(tx, [`permissions:report:${row.id}`, `permissions:forbidden:${row.id}`]);
  });
  ctx.clients.invalidate(row.id);
  ctx.log.info({ connectionId: row.id, name: row.name }, "connection removed");
  return toConnection(row);
}
