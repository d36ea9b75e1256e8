/**
 * The devices feature's repository for `devices`: row ↔ domain mapping, the push's writes, and
 * the per-device state updates of the sync (each one a single small write, done right after the
 * ConnectWise request it records). Every function takes the tenant-scoped handle.
 * The devices of given customers are read here; which customers belong to a partition is the
 * customers feature's (`mappings`), read through its index: `partition-queries.ts` puts the two
 * together. (`config-type-repository.ts` holds the lookup cache; kv keys go through
 * `store/kv.ts`.)
 */
import type { Selectable } from "kysely";
import type { ConfigurationPayload, SourceDevice } from "../../domain/device-config.js";
import type { KnownDevice } from "../../domain/device-sync-plan.js";
import { nowIso } from "../../store/index.js";
import type { DevicesTable } from "../../store/schema.js";
import type { TenantDb, TenantInsert, TenantScope } from "../../store/tenant-scope.js";

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
 * await savePushed(ctx.scope, sourceId, "d1", { cwConfigId: 901, companyId: 250, siteId: null, payload, hash, inactive: false });
 */
export async function savePushed(
  scope: TenantScope,
  sourceId: string,
  externalId: string,
  state: PushedState,
): Promise<void> {
  await pushedUpdate(scope.db, sourceId, externalId, state);
}

/**
 * Records several successful writes in ONE transaction (one commit per batch instead of one per
 * device; crash safety comes from the outcome-unknown marks set before the creates and from
 * replace-only PATCHes being idempotent).
 *
 * @example
 * await savePushedMany(ctx.scope, sourceId, [["d1", state1], ["d2", state2]]);
 */
export async function savePushedMany(
  scope: TenantScope,
  sourceId: string,
  items: readonly (readonly [string, PushedState])[],
): Promise<void> {
  if (items.length === 0) return;
  await scope.transaction(async (tx) => {
    for (const [externalId, state] of items) await pushedUpdate(tx, sourceId, externalId, state);
  });
}

async function pushedUpdate(
  db: TenantDb,
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
 * await markOutcomeUnknown(ctx.scope, sourceId, ["d1", "d2"], true);
 */
export async function markOutcomeUnknown(
  scope: TenantScope,
  sourceId: string,
  externalIds: readonly string[],
  unknown: boolean,
): Promise<void> {
  if (externalIds.length === 0) return;
  await scope.db
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
 * await saveDeviceError(ctx.scope, sourceId, "d1", "400 InvalidObject: name is too long");
 */
export async function saveDeviceError(
  scope: TenantScope,
  sourceId: string,
  externalId: string,
  message: string,
  extra: { readonly forgetConfig?: boolean } = {},
): Promise<void> {
  await scope.db
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

/**
 * Holds a device for a human's adoption decision (`detail` says why).
 *
 * @example
 * await markAdoptReview(ctx.scope.db, sourceId, "d1", "2 configurations match");
 */
export async function markAdoptReview(
  db: TenantDb,
  sourceId: string,
  externalId: string,
  detail: string,
): Promise<void> {
  await db
    .updateTable("devices")
    .set({ adopt_review: detail, updated_at: nowIso() })
    .where("source_id", "=", sourceId)
    .where("external_id", "=", externalId)
    .execute();
}

/** The link a human chose for a device (see `resolveAdoption`). */
export interface ChosenLink {
  readonly cw_config_id: number | null;
  readonly cw_company_id: number;
  readonly cw_site_id: number | null;
  readonly pushed_json: string | null;
  readonly pushed_hash: string | null;
  readonly cw_inactive: 0 | 1;
}

/**
 * Applies a human's adoption decision to a device (no longer held, errors cleared).
 *
 * @example
 * await saveChosenLink(tx, sourceId, "d1", link);
 */
export async function saveChosenLink(
  db: TenantDb,
  sourceId: string,
  externalId: string,
  link: Partial<ChosenLink>,
): Promise<void> {
  await db
    .updateTable("devices")
    .set({
      ...link,
      adopt_review: null,
      outcome_unknown: 0,
      sync_error: null,
      updated_at: nowIso(),
    })
    .where("source_id", "=", sourceId)
    .where("external_id", "=", externalId)
    .execute();
}

/**
 * The configuration ids already linked to devices of the source in these companies.
 *
 * @example
 * const taken = await takenConfigIds(ctx.scope.db, sourceId, [250]);
 */
export async function takenConfigIds(
  db: TenantDb,
  sourceId: string,
  companyIds: readonly number[],
): Promise<Set<number>> {
  const taken = new Set<number>();
  for (let i = 0; i < companyIds.length; i += 500) {
    const rows = await db
      .selectFrom("devices")
      .select("cw_config_id")
      .where("source_id", "=", sourceId)
      .where("cw_config_id", "is not", null)
      .where("cw_company_id", "in", companyIds.slice(i, i + 500))
      .execute();
    for (const row of rows) if (row.cw_config_id !== null) taken.add(row.cw_config_id);
  }
  return taken;
}

/**
 * The devices of the source whose configuration sits in the company (removed ones included).
 *
 * @example
 * const here = await devicesInCompany(ctx.scope.db, sourceId, 250);
 */
export async function devicesInCompany(
  db: TenantDb,
  sourceId: string,
  companyId: number,
): Promise<DeviceRow[]> {
  return db
    .selectFrom("devices")
    .selectAll()
    .where("source_id", "=", sourceId)
    .where("cw_company_id", "=", companyId)
    .execute();
}

/**
 * Companies still holding active configurations of removed devices of the source.
 *
 * @example
 * const ids = await companiesWithRemovedDevices(ctx.scope.db, sourceId);
 */
export async function companiesWithRemovedDevices(
  db: TenantDb,
  sourceId: string,
): Promise<number[]> {
  const rows = await db
    .selectFrom("devices")
    .select("cw_company_id")
    .distinct()
    .where("source_id", "=", sourceId)
    .where("state", "=", "removed")
    .where("cw_inactive", "=", 0)
    .where("cw_config_id", "is not", null)
    .execute();
  return rows.flatMap((r) => (r.cw_company_id === null ? [] : [r.cw_company_id]));
}

// ---- devices of customers (the partition reads; the mappings come from customers) ---------

/** Ids per statement (well under SQLite's bound-parameter limit). */
const CHUNK = 500;

/**
 * The devices of these customers of the source, served by `devices_customer_idx`: the second
 * half of the partition load (`partition-queries.ts`; `partition-query-plan.test.ts` keeps the
 * plan). At most {@link CHUNK} customers per query: use {@link devicesOfCustomers}.
 *
 * @example
 * const rows = await devicesOfCustomersQuery(ctx.scope.db, sourceId, ["org-1"]).execute();
 */
export function devicesOfCustomersQuery(
  db: TenantDb,
  sourceId: string,
  customerIds: readonly string[],
) {
  return db
    .selectFrom("devices")
    .selectAll()
    .where("source_id", "=", sourceId)
    .where("customer_external_id", "in", customerIds);
}

/**
 * Every device of these customers of the source (in statements of up to 500 customers).
 *
 * @example
 * const rows = await devicesOfCustomers(ctx.scope.db, sourceId, ["org-1", "org-2"]);
 */
export async function devicesOfCustomers(
  db: TenantDb,
  sourceId: string,
  customerIds: readonly string[],
): Promise<DeviceRow[]> {
  const out: DeviceRow[] = [];
  for (let i = 0; i < customerIds.length; i += CHUNK) {
    out.push(
      ...(await devicesOfCustomersQuery(db, sourceId, customerIds.slice(i, i + CHUNK)).execute()),
    );
  }
  return out;
}

/**
 * The customers of the source with active devices still to create (no configuration, not held
 * for review).
 *
 * @example
 * const customers = await customersWithDevicesToCreate(ctx.scope.db, sourceId);
 */
export async function customersWithDevicesToCreate(
  db: TenantDb,
  sourceId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom("devices")
    .select("customer_external_id")
    .distinct()
    .where("source_id", "=", sourceId)
    .where("state", "=", "active")
    .where("cw_config_id", "is", null)
    .where("adopt_review", "is", null)
    .execute();
  return rows.map((r) => r.customer_external_id);
}

/**
 * The active devices of these customers without a configuration, not in doubt and not held
 * for review: what a first-sync adoption may adopt.
 *
 * @example
 * const rows = await adoptableDevicesOfCustomers(ctx.scope.db, sourceId, ["org-1"]);
 */
export async function adoptableDevicesOfCustomers(
  db: TenantDb,
  sourceId: string,
  customerIds: readonly string[],
): Promise<DeviceRow[]> {
  const out: DeviceRow[] = [];
  for (let i = 0; i < customerIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom("devices")
      .selectAll()
      .where("source_id", "=", sourceId)
      .where("customer_external_id", "in", customerIds.slice(i, i + CHUNK))
      .where("state", "=", "active")
      .where("cw_config_id", "is", null)
      .where("outcome_unknown", "=", 0)
      .where("adopt_review", "is", null)
      .execute();
    out.push(...rows);
  }
  return out;
}

/**
 * The number of active devices of the source, per customer.
 *
 * @example
 * const counts = await activeDeviceCounts(ctx.scope.db, sourceId); // Map { "org-1" => 12 }
 */
export async function activeDeviceCounts(
  db: TenantDb,
  sourceId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("devices")
    .select((eb) => ["customer_external_id", eb.fn.countAll<string | number>().as("n")])
    .where("source_id", "=", sourceId)
    .where("state", "=", "active")
    .groupBy("customer_external_id")
    .execute();
  return new Map(rows.map((r) => [r.customer_external_id, Number(r.n)]));
}

/**
 * One device of the source by its external id.
 *
 * @example
 * const device = await findDeviceRow(ctx.scope.db, sourceId, "ws-42");
 */
export async function findDeviceRow(
  db: TenantDb,
  sourceId: string,
  externalId: string,
): Promise<DeviceRow | undefined> {
  return db
    .selectFrom("devices")
    .selectAll()
    .where("source_id", "=", sourceId)
    .where("external_id", "=", externalId)
    .executeTakeFirst();
}

// ---- the push ----------------------------------------------------------------------------

/** What the push compares a device against. */
export interface PushedBefore {
  readonly external_id: string;
  readonly content_hash: string;
  readonly customer_external_id: string;
  readonly state: DeviceRow["state"];
}

/**
 * The stored state of these devices of the source (for the push's change detection).
 *
 * @example
 * const before = await devicesBefore(tx, sourceId, ["d1", "d2"]);
 */
export async function devicesBefore(
  db: TenantDb,
  sourceId: string,
  externalIds: readonly string[],
): Promise<PushedBefore[]> {
  if (externalIds.length === 0) return [];
  return db
    .selectFrom("devices")
    .select(["external_id", "content_hash", "customer_external_id", "state"])
    .where("source_id", "=", sourceId)
    .where("external_id", "in", externalIds)
    .execute();
}

/** A pushed device row as written. */
export type PushedDeviceValues = TenantInsert<"devices">;

/**
 * Inserts or rewrites pushed devices (active again, absent count reset); a row of another tenant
 * is never updated.
 *
 * @example
 * await upsertPushedDevices(tx, rows);
 */
export async function upsertPushedDevices(
  db: TenantDb,
  rows: readonly PushedDeviceValues[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("devices", rows)
    .onConflict((oc) =>
      oc
        .columns(["source_id", "external_id"])
        .doUpdateSet((eb) => ({
          customer_external_id: eb.ref("excluded.customer_external_id"),
          data_json: eb.ref("excluded.data_json"),
          content_hash: eb.ref("excluded.content_hash"),
          state: eb.ref("excluded.state"),
          absent_count: 0,
          last_seen_at: eb.ref("excluded.last_seen_at"),
          updated_at: eb.ref("excluded.updated_at"),
        }))
        .where("devices.tenant", "=", db.tenant),
    )
    .execute();
}

/**
 * Marks unchanged devices as seen in this push.
 *
 * @example
 * await touchDevices(tx, sourceId, ["d1"], stamp);
 */
export async function touchDevices(
  db: TenantDb,
  sourceId: string,
  externalIds: readonly string[],
  stamp: string,
): Promise<void> {
  if (externalIds.length === 0) return;
  await db
    .updateTable("devices")
    .set({ last_seen_at: stamp })
    .where("source_id", "=", sourceId)
    .where("external_id", "in", externalIds)
    .execute();
}

/** Which active devices a push removes: those not seen since `before`, or these ids. */
export type RemovedFilter = { readonly before: string } | { readonly ids: readonly string[] };

/**
 * Marks the matching active devices removed; returns how many and the companies they sat in.
 *
 * @example
 * const { count, companies } = await markRemoved(tx, sourceId, { ids: ["d1"] }, now);
 */
export async function markRemoved(
  db: TenantDb,
  sourceId: string,
  filter: RemovedFilter,
  now: string,
): Promise<{ count: number; companies: number[] }> {
  if ("ids" in filter && filter.ids.length === 0) return { count: 0, companies: [] };
  let select = db
    .selectFrom("devices")
    .select("cw_company_id")
    .distinct()
    .where("source_id", "=", sourceId)
    .where("state", "=", "active");
  let update = db
    .updateTable("devices")
    .set((eb) => ({
      state: "removed",
      absent_count: eb("absent_count", "+", 1),
      updated_at: now,
    }))
    .where("source_id", "=", sourceId)
    .where("state", "=", "active");
  if ("before" in filter) {
    select = select.where("last_seen_at", "<", filter.before);
    update = update.where("last_seen_at", "<", filter.before);
  } else {
    select = select.where("external_id", "in", filter.ids);
    update = update.where("external_id", "in", filter.ids);
  }
  const companies = (await select.execute()).flatMap((r) =>
    r.cw_company_id === null ? [] : [r.cw_company_id],
  );
  const count = Number((await update.executeTakeFirst()).numUpdatedRows);
  return { count, companies };
}

/**
 * The newest `last_seen_at` of the source's devices (null when none).
 *
 * @example
 * const stamp = nextStamp(await lastSeenStamp(tx, sourceId), nowIso());
 */
export async function lastSeenStamp(db: TenantDb, sourceId: string): Promise<string | null> {
  const row = await db
    .selectFrom("devices")
    .select((eb) => eb.fn.max("last_seen_at").as("max"))
    .where("source_id", "=", sourceId)
    .executeTakeFirst();
  return row?.max ?? null;
}
