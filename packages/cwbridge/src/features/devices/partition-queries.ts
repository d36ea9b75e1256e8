/**
 * The device sync's reads of devices by their customers' mappings. `mappings` is the customers
 * feature's table (read through its index), `devices` this feature's (`device-repository.ts`):
 * each read here is one index-served query on each side, put together in memory — the
 * devices-joined-to-mappings query, split at the owners' line. Every function takes the
 * tenant-scoped handle.
 */
import {
  companiesOfCustomers,
  mappedCustomerIds,
  mappingsOfCompanies,
  mappingTarget,
  partitionMappings,
} from "../customers/index.js";
import type { TenantDb } from "../../store/tenant-scope.js";
import {
  activeDeviceCounts,
  adoptableDevicesOfCustomers,
  customersWithDevicesToCreate,
  devicesOfCustomers,
  findDeviceRow,
  type DeviceRow,
} from "./device-repository.js";

/** A (source, connection, company) partition. */
export interface Partition {
  readonly sourceId: string;
  readonly connectionId: string;
  readonly companyId: number;
}

/** What a partition holds of the mapped customers: customer → mapped site. */
export type PartitionMappings = ReadonlyMap<string, { readonly siteId: number | null }>;

/**
 * The partition's mappings and the devices of those customers: the company's mapping rows by
 * `mappings_partition_idx`, then their devices by `devices_customer_idx` (never the source's
 * devices walked once per company; `partition-query-plan.test.ts` keeps both plans).
 *
 * @example
 * const { mappings, devices } = await partitionDevices(ctx.scope.db, partition);
 */
export async function partitionDevices(
  db: TenantDb,
  partition: Partition,
): Promise<{ mappings: PartitionMappings; devices: DeviceRow[] }> {
  const mappings = await partitionMappings(db, partition);
  const customers = [...mappings.keys()].sort();
  const devices = await devicesOfCustomers(db, partition.sourceId, customers);
  return { mappings, devices };
}

/**
 * The mapped companies with active devices still to create (not held for review).
 *
 * @example
 * const companies = await companiesNeedingCreates(ctx.scope.db, sourceId);
 */
export async function companiesNeedingCreates(db: TenantDb, sourceId: string): Promise<number[]> {
  const customers = await customersWithDevicesToCreate(db, sourceId);
  return [...(await companiesOfCustomers(db, sourceId, customers))];
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
  const mapped = await mappingsOfCompanies(db, sourceId, companyIds);
  const rows = await adoptableDevicesOfCustomers(db, sourceId, [...mapped.keys()].sort());
  return rows.flatMap((row) => {
    const target = mapped.get(row.customer_external_id);
    return target === undefined
      ? []
      : [{ row, companyId: target.companyId, siteId: target.siteId }];
  });
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
  const device = await findDeviceRow(db, sourceId, externalId);
  if (device === undefined) return undefined;
  const target = await mappingTarget(db, sourceId, device.customer_external_id);
  return { companyId: target?.cw_company_id ?? null, siteId: target?.cw_site_id ?? null };
}

/**
 * How many active devices of the source wait for their customer to be mapped.
 *
 * @example
 * const waiting = await unmappedDeviceCount(ctx.scope.db, sourceId);
 */
export async function unmappedDeviceCount(db: TenantDb, sourceId: string): Promise<number> {
  const counts = await activeDeviceCounts(db, sourceId);
  const mapped = await mappedCustomerIds(db, sourceId);
  let waiting = 0;
  for (const [customer, n] of counts) if (!mapped.has(customer)) waiting += n;
  return waiting;
}
