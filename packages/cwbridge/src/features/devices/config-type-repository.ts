/**
 * The configuration type/status lookup cache (`config_types`): name → ConnectWise id per
 * connection, read and written through the tenant-scoped handle.
 */
import type { ConfigTypeKind } from "../../store/schema.js";
import type { TenantDb } from "../../store/tenant-scope.js";

/**
 * The cached ids of a connection's types or statuses, by lower-case name.
 *
 * @example
 * const ids = await cachedConfigIds(ctx.scope.db, connectionId, "type");
 */
export async function cachedConfigIds(
  db: TenantDb,
  connectionId: string,
  kind: ConfigTypeKind,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("config_types")
    .select(["name", "cw_id"])
    .where("connection_id", "=", connectionId)
    .where("kind", "=", kind)
    .execute();
  return new Map(rows.map((r) => [r.name.toLowerCase(), r.cw_id]));
}

/**
 * Caches (name, id) pairs of a connection's types or statuses (a row of another tenant is never
 * updated).
 *
 * @example
 * await cacheConfigIds(ctx.scope.db, connectionId, "type", [["Managed Workstation", 12]]);
 */
export async function cacheConfigIds(
  db: TenantDb,
  connectionId: string,
  kind: ConfigTypeKind,
  entries: readonly (readonly [string, number])[],
): Promise<void> {
  if (entries.length === 0) return;
  const values = entries.map(([name, id]) => ({
    connection_id: connectionId,
    kind,
    name,
    cw_id: id,
  }));
  await db
    .insertInto("config_types", values)
    .onConflict((oc) =>
      oc
        .columns(["connection_id", "kind", "name"])
        .doUpdateSet((eb) => ({ cw_id: eb.ref("excluded.cw_id") }))
        .where("config_types.tenant", "=", db.tenant),
    )
    .execute();
}
