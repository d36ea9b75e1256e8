/**
 * Which ConnectWise configuration each demo device is linked to, before and after a sync, so
 * the demo can tell adopted configurations (existing ones, linked) from created ones.
 */
import type { AppContext } from "../core/context.js";

/** External id → configuration id (null while not linked). */
export type DeviceLinks = ReadonlyMap<string, number | null>;

/**
 * The links of a source's devices.
 *
 * @example
 * const before = await deviceLinks(ctx, sourceId);
 */
export async function deviceLinks(ctx: AppContext, sourceId: string): Promise<DeviceLinks> {
  const rows = await ctx.store.db
    .selectFrom("devices")
    .select(["external_id", "cw_config_id"])
    .where("source_id", "=", sourceId)
    .execute();
  return new Map(rows.map((r) => [r.external_id, r.cw_config_id]));
}

/**
 * Newly linked devices split into adopted (the configuration existed before) and created.
 *
 * @example
 * newLinks(before, after, existingIds) // { adopted: 5, created: 21 }
 */
export function newLinks(
  before: DeviceLinks,
  after: DeviceLinks,
  existingConfigIds: ReadonlySet<number>,
): { adopted: number; created: number } {
  let adopted = 0;
  let created = 0;
  for (const [externalId, configId] of after) {
    if (configId === null || (before.get(externalId) ?? null) !== null) continue;
    if (existingConfigIds.has(configId)) adopted++;
    else created++;
  }
  return { adopted, created };
}
