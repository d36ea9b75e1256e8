/**
 * What the alerts feature reads (and, for its settings, writes) of other features' tables,
 * through the tenant-scoped handle: a source's existence, a customer's mapping, a device's
 * configuration id, and a connection's `settings_json`. These belong in the owning features'
 * repositories (sources, customers, devices, connections) once those take the tenant-scoped
 * handle; until then they live here so no alert query can reach another tenant's rows.
 */
import { nowIso } from "../../store/now.js";
import type { TenantDb } from "../../store/tenant-scope.js";

/**
 * Whether the source exists in this tenant.
 *
 * @example
 * if (!(await sourceExists(tx, sourceId))) throw unknownSource();
 */
export async function sourceExists(db: TenantDb, sourceId: string): Promise<boolean> {
  const row = await db
    .selectFrom("sources")
    .select("id")
    .where("id", "=", sourceId)
    .executeTakeFirst();
  return row !== undefined;
}

/** A customer's mapping: its connection, ConnectWise company (`null` while unmapped) and site. */
export interface CustomerMapping {
  readonly connectionId: string;
  readonly companyId: number | null;
  readonly siteId: number | null;
}

/**
 * The mapping of customer `customerId` of a source, if one is stored.
 *
 * @example
 * const mapping = await customerMapping(tx, sourceId, "acme");
 */
export async function customerMapping(
  db: TenantDb,
  sourceId: string,
  customerId: string,
): Promise<CustomerMapping | undefined> {
  const row = await db
    .selectFrom("mappings")
    .select(["connection_id", "cw_company_id", "cw_site_id"])
    .where("source_id", "=", sourceId)
    .where("customer_external_id", "=", customerId)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : {
        connectionId: row.connection_id,
        companyId: row.cw_company_id,
        siteId: row.cw_site_id,
      };
}

/** The names behind an alert's ids, where this store knows them. */
export interface AlertNames {
  readonly customer?: string;
  readonly company?: string;
  readonly device?: string;
}

function nameIn(dataJson: string | undefined): string | undefined {
  if (dataJson === undefined) return undefined;
  try {
    const name: unknown = (JSON.parse(dataJson) as { name?: unknown }).name;
    return typeof name === "string" && name.trim() !== "" ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The customer's name (display name first), its company's cached name and the device's name.
 *
 * @example
 * const names = await alertNames(tx, { sourceId, customerId: "acme", deviceId: "ws-1", connectionId, companyId: 250 });
 */
export async function alertNames(
  db: TenantDb,
  of: {
    readonly sourceId: string;
    readonly customerId: string;
    readonly deviceId: string | undefined;
    readonly connectionId: string;
    readonly companyId: number;
  },
): Promise<AlertNames> {
  const customer = await db
    .selectFrom("customers")
    .select(["name", "display_name"])
    .where("source_id", "=", of.sourceId)
    .where("external_id", "=", of.customerId)
    .executeTakeFirst();
  const company = await db
    .selectFrom("cw_companies")
    .select("name")
    .where("connection_id", "=", of.connectionId)
    .where("cw_id", "=", of.companyId)
    .executeTakeFirst();
  const device =
    of.deviceId === undefined
      ? undefined
      : await db
          .selectFrom("devices")
          .select("data_json")
          .where("source_id", "=", of.sourceId)
          .where("external_id", "=", of.deviceId)
          .executeTakeFirst();
  const names = {
    customer: customer?.display_name ?? customer?.name,
    company: company?.name,
    device: nameIn(device?.data_json),
  };
  return Object.fromEntries(Object.entries(names).filter(([, v]) => v !== undefined));
}

/** What the attach step needs of a synced device. */
export interface DeviceConfigRow {
  readonly configId: number | null;
  readonly dataJson: string;
}

/**
 * The configuration id (and stored data) of device `externalId` of a source, if synced.
 *
 * @example
 * const device = await deviceConfigRow(ctx.scope.db, incident.sourceId, "ws-42");
 */
export async function deviceConfigRow(
  db: TenantDb,
  sourceId: string,
  externalId: string,
): Promise<DeviceConfigRow | undefined> {
  const row = await db
    .selectFrom("devices")
    .select(["cw_config_id", "data_json"])
    .where("source_id", "=", sourceId)
    .where("external_id", "=", externalId)
    .executeTakeFirst();
  return row === undefined ? undefined : { configId: row.cw_config_id, dataJson: row.data_json };
}

/**
 * The `settings_json` of a connection of this tenant, or `undefined` when there is none.
 *
 * @example
 * const json = await connectionSettingsJson(ctx.scope.db, connectionId);
 */
export async function connectionSettingsJson(
  db: TenantDb,
  connectionId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("connections")
    .select("settings_json")
    .where("id", "=", connectionId)
    .executeTakeFirst();
  return row?.settings_json;
}

/**
 * Replaces the `settings_json` of a connection (stamping `updated_at`).
 *
 * @example
 * await writeConnectionSettingsJson(tx, connectionId, JSON.stringify(next));
 */
export async function writeConnectionSettingsJson(
  tx: TenantDb,
  connectionId: string,
  json: string,
): Promise<void> {
  await tx
    .updateTable("connections")
    .set({ settings_json: json, updated_at: nowIso() })
    .where("id", "=", connectionId)
    .execute();
}

/** A connection the reconcile sweep runs for. */
export interface SweptConnection {
  readonly id: string;
  readonly name: string;
}

/**
 * The enabled connections of this tenant, by name.
 *
 * @example
 * for (const c of await enabledConnections(ctx.scope.db)) await scheduleReconcile(ctx, c.id, opts);
 */
export async function enabledConnections(db: TenantDb): Promise<SweptConnection[]> {
  return db
    .selectFrom("connections")
    .select(["id", "name"])
    .where("enabled", "=", 1)
    .orderBy("name")
    .execute();
}
