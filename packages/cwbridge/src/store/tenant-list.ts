/**
 * The tenants of a store: the one cross-tenant read, for the roles that run work for every
 * tenant (the worker schedules each tenant's reconcile sweeps in that tenant's context). A
 * tenant exists once it has a connection: without one it has nothing to sync or ticket.
 */
import type { Store } from "./open-store.js";

/**
 * Every tenant that has at least one connection, in name order.
 *
 * @example
 * for (const tenant of await listTenants(app.ctx.store)) await sweep(app.forTenant(tenant));
 */
export async function listTenants(store: Pick<Store, "db">): Promise<string[]> {
  const rows = await store.db
    .selectFrom("connections")
    .select("tenant")
    .distinct()
    .orderBy("tenant")
    .execute();
  return rows.map((row) => row.tenant);
}
