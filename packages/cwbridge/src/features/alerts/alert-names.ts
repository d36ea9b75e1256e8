/**
 * The names behind an alert's ids (customer, company, device) where this store knows them, read
 * through their owners (customers, devices), for ticket text people can read.
 */
import type { TenantDb } from "../../store/tenant-scope.js";
import { cachedCompanyName, customerName } from "../customers/index.js";
import { findDeviceRow } from "../devices/index.js";

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
  const customer = await customerName(db, of.sourceId, of.customerId);
  const company = await cachedCompanyName(db, of.connectionId, of.companyId);
  const device =
    of.deviceId === undefined ? undefined : await findDeviceRow(db, of.sourceId, of.deviceId);
  const names = { customer, company: company ?? undefined, device: nameIn(device?.data_json) };
  return Object.fromEntries(Object.entries(names).filter(([, v]) => v !== undefined));
}
