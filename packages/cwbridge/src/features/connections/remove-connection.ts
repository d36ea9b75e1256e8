/**
 * Removing a connection. Refused while incidents reference it (their tickets would be
 * orphaned); sources keep existing (their connection is cleared); companies, mappings and
 * configuration types of the connection go with it (cascade). Events-log rows stay.
 */
import { deleteKv } from "../../connectwise/kv.js";
import { ConnectionError } from "../../connectwise/errors.js";
import type { AppContext } from "../../core/context.js";
import { requireConnectionRow } from "./read-connections.js";
import { toConnection } from "./repo.js";
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
  await ctx.store.transaction(async (tx) => {
    const incidents = await tx
      .selectFrom("incidents")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("connection_id", "=", row.id)
      .executeTakeFirstOrThrow();
    if (Number(incidents.n) > 0) {
      throw new ConnectionError(
        "CWB_ERR_CONNECTION_IN_USE",
        `connection '${row.name}' has ${Number(incidents.n)} incident(s); disable it instead, or close and purge its incidents first`,
      );
    }
    await tx.deleteFrom("connections").where("id", "=", row.id).execute();
    await deleteKv(tx, [`permissions:report:${row.id}`, `permissions:forbidden:${row.id}`]);
  });
  ctx.clients.invalidate(row.id);
  ctx.log.info({ connectionId: row.id, name: row.name }, "connection removed");
  return toConnection(row);
}
