/**
 * Row ↔ domain mapping of `devices`, and the per-device state updates of the sync (each one a
 * single small write, done right after the ConnectWise request it records).
 */
import type { Selectable } from "kysely";
import type { ConfigurationPayload, SourceDevice } from "../../domain/device-config.js";
import type { KnownDevice } from "../../domain/device-sync-plan.js";
import type { AppContext } from "../../core/context.js";
import { nowIso, type StoreTx } from "../../store/index.js";
import type { DevicesTable } from "../../store/schema.js";

/** A `devices` row. */
export type DeviceRow = Selectable<DevicesTable>;

/**
 * The source device stored in a row.
 *
 * @example
 * rowSourceDevice(row).name // "PC-01"
 */
export function rowSourceDevice(row: DeviceRow): SourceDevice {
  return JSON.parse(row.data_json) as SourceDevice;
}

/**
 * The payload last pushed for a row (or the adopted configuration's projection).
 *
 * @example
 * rowPushedPayload(row)?.name
 */
export function rowPushedPayload(row: DeviceRow): ConfigurationPayload | undefined {
  return row.pushed_json === null
    ? undefined
    : (JSON.parse(row.pushed_json) as ConfigurationPayload);
}

/**
 * The domain's view of a stored device (`companyId` falls back to the partition's company).
 *
 * @example
 * known.set(row.external_id, rowKnown(row, 250));
 */
export function rowKnown(row: DeviceRow, fallbackCompanyId: number): KnownDevice {
  const pushed = rowPushedPayload(row);
  return {
    ...(row.cw_config_id === null ? {} : { cwConfigId: row.cw_config_id }),
    ...(row.pushed_hash === null ? {} : { pushedHash: row.pushed_hash }),
    ...(pushed === undefined ? {} : { pushedPayload: pushed }),
    companyId: row.cw_company_id ?? fallbackCompanyId,
    ...(row.cw_site_id === null ? {} : { siteId: row.cw_site_id }),
    state: row.cw_inactive === 1 ? "inactive" : "active",
  };
}

/** What a successful write to ConnectWise leaves in a device row. */
export interface PushedState {
  readonly cwConfigId: number;
  readonly companyId: number;
  readonly siteId: number | null;
  readonly payload: object;
  /** `null` forces a diff on the next run (adopted or found records). */
  readonly hash: string | null;
  readonly inactive: boolean;
}

/**
 * Records a successful create/update/adoption of one device.
 *
 * @example
 * await savePushed(ctx, sourceId, "d1", { cwConfigId: 901, companyId: 250, siteId: null, payload, hash, inactive: false });
 */
export async function savePushed(
  ctx: AppContext,
  sourceId: string,
  externalId: string,
  state: PushedState,
): Promise<void> {
  await pushedUpdate(ctx.store.db, sourceId, externalId, state);
}

/**
 * Records several successful writes in ONE transaction (one commit per batch instead of one per
 * device; crash safety comes from the outcome-unknown marks set before the creates and from
 * replace-only PATCHes being idempotent).
 *
 * @example
 * await savePushedMany(ctx, sourceId, [["d1", state1], ["d2", state2]]);
 */
export async function savePushedMany(
  ctx: AppContext,
  sourceId: string,
  items: readonly (readonly [string, PushedState])[],
): Promise<void> {
  if (items.length === 0) return;
  await ctx.store.transaction(async (tx) => {
    for (const [externalId, state] of items) await pushedUpdate(tx, sourceId, externalId, state);
  });
}

async function pushedUpdate(
  db: AppContext["store"]["db"] | StoreTx,
  sourceId: string,
  externalId: string,
  state: PushedState,
): Promise<void> {
  await db
    .updateTable("devices")
    .set({
      cw_config_id: state.cwConfigId,
      cw_company_id: state.companyId,
      cw_site_id: state.siteId,
      pushed_json: JSON.stringify(state.payload),
      pushed_hash: state.hash,
      cw_inactive: state.inactive ? 1 : 0,
      outcome_unknown: 0,
      sync_error: null,
      adopt_review: null,
      updated_at: nowIso(),
    })
    .where("source_id", "=", sourceId)
    .where("external_id", "=", externalId)
    .execute();
}

/**
 * Sets or clears the outcome-unknown flag of devices (before creates / after a definite reply).
 *
 * @example
 * await markOutcomeUnknown(ctx, sourceId, ["d1", "d2"], true);
 */
export async function markOutcomeUnknown(
  ctx: AppContext,
  sourceId: string,
  externalIds: readonly string[],
  unknown: boolean,
): Promise<void> {
  if (externalIds.length === 0) return;
  await ctx.store.db
    .updateTable("devices")
    .set({ outcome_unknown: unknown ? 1 : 0 })
    .where("source_id", "=", sourceId)
    .where("external_id", "in", externalIds)
    .execute();
}

/**
 * Records a per-device error (the device is retried on the next run).
 *
 * @example
 * await saveDeviceError(ctx, sourceId, "d1", "400 InvalidObject: name is too long");
 */
export async function saveDeviceError(
  ctx: AppContext,
  sourceId: string,
  externalId: string,
  message: string,
  extra: { readonly forgetConfig?: boolean } = {},
): Promise<void> {
  await ctx.store.db
    .updateTable("devices")
    .set({
      sync_error: message.slice(0, 1000),
      updated_at: nowIso(),
      ...(extra.forgetConfig === true
        ? { cw_config_id: null, pushed_hash: null, pushed_json: null, cw_inactive: 0 }
        : {}),
    })
    .where("source_id", "=", sourceId)
    .where("external_id", "=", externalId)
    .execute();
}
