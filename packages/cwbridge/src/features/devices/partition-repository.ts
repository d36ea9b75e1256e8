/**
 * The device sync's partition queries: devices joined to their customers' mappings (ONE join,
 * {@link devicesWithMappings}, behind every query that needs a device's mapped company), the
 * index-served partition load, the mapped companies of a source, the partition's mapping status,
 * and what the sync reads of other tables (the connection's sync settings, a cached company's
 * name). Every function takes the tenant-scoped handle.
 */
import type { TenantDb } from "../../store/tenant-scope.js";
import { nowIso } from "../../store/index.js";
import type { MappingSyncStatus } from "../../store/schema.js";
import type { DeviceRow } from "./device-repository.js";

const CHUNK = 500;

/** A (source, connection, company) partition. */
export interface Partition {
  readonly sourceId: string;
  readonly connectionId: string;
  readonly companyId: number;
}

/**
 * The source's devices left-joined to their customer's mapping (`m`): the one
 * devices-joined-to-mappings query; callers add their conditions and projection.
 */
function devicesWithMappings(db: TenantDb, sourceId: string) {
  return db
    .selectFrom("devices")
    .leftJoin("mappings as m", (join) =>
      join
        .onRef("m.source_id", "=", "devices.source_id")
        .onRef("m.customer_external_id", "=", "devices.customer_external_id")
        .onRef("m.tenant", "=", "devices.tenant"),
    )
    .where("devices.source_id", "=", sourceId);
}

/**
 * The devices of the customers mapped to the partition's company, index-served: the company's
 * mapping rows by `mappings_partition_idx` (migrations 0004, 0006), then each one's devices by
 * `devices_customer_idx`. (A join let SQLite start from `devices` and walk every device of the
 * source once per company.) `partition-query-plan.test.ts` keeps that plan.
 *
 * @example
 * const rows = await mappedDevicesQuery(ctx.scope.db, partition).execute();
 */
export function mappedDevicesQuery(db: TenantDb, partition: Partition) {
  const customers = db
    .selectFrom("mappings")
    .select("customer_external_id")
    .where("source_id", "=", partition.sourceId)
    .where("cw_company_id", "=", partition.companyId);
  return db
    .selectFrom("devices")
    .selectAll()
    .where("source_id", "=", partition.sourceId)
    .where("customer_external_id", "in", customers);
}

/**
 * The customers mapped to the partition's company → their mapped site.
 *
 * @example
 * const mappings = await partitionMappings(ctx.scope.db, partition);
 */
export async function partitionMappings(
  db: TenantDb,
  partition: Partition,
): Promise<Map<string, { readonly siteId: number | null }>> {
  const rows = await db
    .selectFrom("mappings")
    .select(["customer_external_id", "cw_site_id"])
    .where("source_id", "=", partition.sourceId)
    .where("cw_company_id", "=", partition.companyId)
    .execute();
  return new Map(rows.map((m) => [m.customer_external_id, { siteId: m.cw_site_id }]));
}

/**
 * The companies the source's customers are mapped to.
 *
 * @example
 * const companies = await mappedCompanyIds(ctx.scope.db, sourceId); // [250, 251]
 */
export async function mappedCompanyIds(db: TenantDb, sourceId: string): Promise<number[]> {
  const rows = await db
    .selectFrom("mappings")
    .select("cw_company_id")
    .distinct()
    .where("source_id", "=", sourceId)
    .where("cw_company_id", "is not", null)
    .execute();
  return rows.flatMap((r) => (r.cw_company_id === null ? [] : [r.cw_company_id]));
}

/**
 * The companies a push touches: those of these customers' mappings, plus every mapped company
 * not yet synced.
 *
 * @example
 * const companies = await companiesToSync(tx, sourceId, new Set(["org-1"]));
 */
export async function companiesToSync(
  db: TenantDb,
  sourceId: string,
  customers: ReadonlySet<string>,
): Promise<number[]> {
  const companies = new Set<number>();
  const ids = [...customers];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom("mappings")
      .select("cw_company_id")
      .where("source_id", "=", sourceId)
      .where("customer_external_id", "in", ids.slice(i, i + CHUNK))
      .where("cw_company_id", "is not", null)
      .execute();
    for (const row of rows) if (row.cw_company_id !== null) companies.add(row.cw_company_id);
  }
  const synced: MappingSyncStatus = "Synced";
  const pending = await db
    .selectFrom("mappings")
    .select("cw_company_id")
    .distinct()
    .where("source_id", "=", sourceId)
    .where("cw_company_id", "is not", null)
    .where("sync_status", "!=", synced)
    .execute();
  for (const row of pending) if (row.cw_company_id !== null) companies.add(row.cw_company_id);
  return [...companies];
}

/**
 * The mapped companies with active devices still to create (not held for review).
 *
 * @example
 * const companies = await companiesNeedingCreates(ctx.scope.db, sourceId);
 */
export async function companiesNeedingCreates(db: TenantDb, sourceId: string): Promise<number[]> {
  const rows = await devicesWithMappings(db, sourceId)
    .select("m.cw_company_id")
    .distinct()
    .where("devices.state", "=", "active")
    .where("devices.cw_config_id", "is", null)
    .where("devices.adopt_review", "is", null)
    .where("m.cw_company_id", "is not", null)
    .execute();
  return rows.flatMap((r) => (r.cw_company_id === null ? [] : [r.cw_company_id]));
}

/** A device that may be adopted, with its mapped company and site. */
export interface CandidateRow {
  readonly row: DeviceRow;
  readonly companyId: number;
  readonly siteId: number | null;
}

/**
 * Active devices without a configuration (and not in doubt or held) of customers mapped to
 * these companies: the candidates of a first-sync adoption.
 *
 * @example
 * const candidates = await adoptionCandidateRows(ctx.scope.db, sourceId, [250]);
 */
export async function adoptionCandidateRows(
  db: TenantDb,
  sourceId: string,
  companyIds: readonly number[],
): Promise<CandidateRow[]> {
  const out: CandidateRow[] = [];
  for (let i = 0; i < companyIds.length; i += CHUNK) {
    const rows = await devicesWithMappings(db, sourceId)
      .selectAll("devices")
      .select(["m.cw_company_id as mapped_company", "m.cw_site_id as mapped_site"])
      .where("devices.state", "=", "active")
      .where("devices.cw_config_id", "is", null)
      .where("devices.outcome_unknown", "=", 0)
      .where("devices.adopt_review", "is", null)
      .where("m.cw_company_id", "in", companyIds.slice(i, i + CHUNK))
      .execute();
    for (const { mapped_company, mapped_site, ...row } of rows) {
      if (mapped_company !== null)
        out.push({ row, companyId: mapped_company, siteId: mapped_site });
    }
  }
  return out;
}

/**
 * A device's mapped company and site (`undefined` when there is no such device; a null company
 * when its customer is not mapped).
 *
 * @example
 * const mapping = await deviceMapping(ctx.scope.db, sourceId, "d1");
 */
export async function deviceMapping(
  db: TenantDb,
  sourceId: string,
  externalId: string,
): Promise<{ companyId: number | null; siteId: number | null } | undefined> {
  const row = await devicesWithMappings(db, sourceId)
    .select(["devices.external_id", "m.cw_company_id", "m.cw_site_id"])
    .where("devices.external_id", "=", externalId)
    .executeTakeFirst();
  return row === undefined ? undefined : { companyId: row.cw_company_id, siteId: row.cw_site_id };
}

/**
 * How many active devices of the source wait for their customer to be mapped.
 *
 * @example
 * const waiting = await unmappedDeviceCount(ctx.scope.db, sourceId);
 */
export async function unmappedDeviceCount(db: TenantDb, sourceId: string): Promise<number> {
  const row = await devicesWithMappings(db, sourceId)
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .where("devices.state", "=", "active")
    .where("m.cw_company_id", "is", null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Moves the partition's mappings whose status is in `from` to `to`, with `last_error`.
 *
 * @example
 * await updatePartitionStatus(ctx.scope.db, partition, "Syncing", ["Unsynced"], null);
 */
export async function updatePartitionStatus(
  db: TenantDb,
  partition: Partition,
  to: MappingSyncStatus,
  from: readonly MappingSyncStatus[],
  lastError: string | null,
): Promise<void> {
  await db
    .updateTable("mappings")
    .set({ sync_status: to, last_error: lastError, updated_at: nowIso() })
    .where("source_id", "=", partition.sourceId)
    .where("cw_company_id", "=", partition.companyId)
    .where("sync_status", "in", from)
    .execute();
}

/**
 * Sets only `last_error` of the partition's mappings.
 *
 * @example
 * await notePartitionError(ctx.scope.db, partition, "connection is disabled");
 */
export async function notePartitionError(
  db: TenantDb,
  partition: Partition,
  message: string,
): Promise<void> {
  await db
    .updateTable("mappings")
    .set({ last_error: message, updated_at: nowIso() })
    .where("source_id", "=", partition.sourceId)
    .where("cw_company_id", "=", partition.companyId)
    .execute();
}

/**
 * The cached name of a ConnectWise company (null when not cached).
 *
 * @example
 * await cachedCompanyName(ctx.scope.db, connectionId, 250); // "Acme Corp"
 */
export async function cachedCompanyName(
  db: TenantDb,
  connectionId: string,
  companyId: number,
): Promise<string | null> {
  const row = await db
    .selectFrom("cw_companies")
    .select("name")
    .where("connection_id", "=", connectionId)
    .where("cw_id", "=", companyId)
    .executeTakeFirst();
  return row?.name ?? null;
}

/**
 * What the sync needs of a connection of this tenant: enabled, and its settings (undefined when
 * there is no such connection in the tenant).
 *
 * @example
 * const connection = await connectionSyncRow(ctx.scope.db, connectionId);
 */
export async function connectionSyncRow(
  db: TenantDb,
  connectionId: string,
): Promise<{ enabled: number; settings_json: string } | undefined> {
  return db
    .selectFrom("connections")
    .select(["enabled", "settings_json"])
    .where("id", "=", connectionId)
    .executeTakeFirst();
}
