/**
 * Adoption: before the first create in a company, read the company's existing configurations
 * once (pageSize 1000, trimmed `fields`; many companies per request via `company/id in (…)`)
 * and link devices to them by device key → serial → tag → MAC → name (the domain's
 * `adoptionMatch`), so no duplicate is created. Ambiguous matches wait for a human. Later
 * creates adopt first too, through the batched lookup of `adoption-lookup.ts`.
 * Also: the search by device key that precedes any re-create after an ambiguous create.
 */
import { and, eq, isIn, where, type ConnectWise } from "@cwbridge/connectwise";
import type { Configuration } from "@cwbridge/connectwise";
import {
  adoptionMatch,
  JUNK_SERIALS,
  type AdoptionKey,
  type AdoptionProbe,
} from "../../domain/device-adoption.js";
import { normaliseMac } from "../../domain/device-config.js";

/** The configuration fields read for adoption and PATCH diffs (everything cwbridge writes). */
export const CONFIGURATION_FIELDS: readonly string[] = [
  "id",
  "name",
  "deviceIdentifier",
  "type",
  "company",
  "site",
  "status",
  "activeFlag",
  "serialNumber",
  "tagNumber",
  "macAddress",
  "ipAddress",
  "defaultGateway",
  "osType",
  "osInfo",
  "manufacturer",
  "modelNumber",
  "lastLoginName",
  "cpuSpeed",
  "ram",
  "managementLink",
  "remoteLink",
  "notes",
];

const TEXT = [
  "name",
  "deviceIdentifier",
  "serialNumber",
  "tagNumber",
  "macAddress",
  "ipAddress",
  "defaultGateway",
  "osType",
  "osInfo",
  "modelNumber",
  "lastLoginName",
  "cpuSpeed",
  "ram",
  "managementLink",
  "remoteLink",
  "notes",
] as const;

/** Longest `conditions` text per request (keeps URLs well under 2,000 characters). */
const MAX_CONDITIONS_LENGTH = 1200;

/**
 * An existing configuration as a pushed payload (references as `{id}`), so the first sync
 * PATCHes only the fields that differ from what the device wants.
 *
 * @example
 * projectConfiguration({ id: 7, name: "PC-01", type: { id: 1, name: "Managed Workstation" } })
 * // { name: "PC-01", type: { id: 1 } }
 */
export function projectConfiguration(config: Configuration): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const record = config as unknown as Record<string, unknown>;
  for (const field of TEXT) {
    const value = record[field];
    if (typeof value === "string" && value !== "") out[field] = value;
  }
  for (const field of ["type", "company", "site", "status"] as const) {
    const ref = record[field] as { id?: unknown } | null | undefined;
    if (typeof ref?.id === "number") out[field] = { id: ref.id };
  }
  const maker = config.manufacturer?.name;
  if (typeof maker === "string" && maker !== "") out["manufacturer"] = { name: maker };
  if (typeof config.activeFlag === "boolean") out["activeFlag"] = config.activeFlag;
  return out;
}

/**
 * Splits values into `field in (…)` condition strings of bounded length.
 *
 * @example
 * inConditions("company/id", [250, 251]) // ["company/id in (250, 251)"]
 */
export function inConditions(field: string, values: readonly (number | string)[]): string[] {
  const out: string[] = [];
  let batch: (number | string)[] = [];
  const flush = () => {
    if (batch.length > 0) out.push(where(isIn(field, batch)));
    batch = [];
  };
  for (const value of values) {
    batch.push(value);
    if (where(isIn(field, batch)).length > MAX_CONDITIONS_LENGTH && batch.length > 1) {
      batch.pop();
      flush();
      batch.push(value);
    }
  }
  flush();
  return out;
}

/**
 * The existing configurations of companies, grouped by company id (streamed pages; one
 * request per page per batch of companies).
 *
 * @example
 * const byCompany = await readCompanyConfigurations(cw, [250, 251]);
 */
export async function readCompanyConfigurations(
  cw: ConnectWise,
  companyIds: readonly number[],
): Promise<Map<number, Configuration[]>> {
  const byCompany = new Map<number, Configuration[]>();
  for (const conditions of inConditions(
    "company/id",
    [...companyIds].sort((a, b) => a - b),
  )) {
    const pages = cw.configurations.iterate({
      conditions,
      fields: CONFIGURATION_FIELDS,
      pageSize: 1000,
    });
    for await (const page of pages) {
      for (const config of page) {
        const companyId = config.company?.id;
        if (typeof companyId !== "number") continue;
        const list = byCompany.get(companyId) ?? [];
        list.push(config);
        byCompany.set(companyId, list);
      }
    }
  }
  return byCompany;
}

/**
 * Configurations carrying one of `keys` as `deviceIdentifier` (lowest id per key).
 *
 * @example
 * const found = await searchByDeviceKey(cw, ["cwb:src:d1"]); found.get("cwb:src:d1")?.id
 */
export async function searchByDeviceKey(
  cw: ConnectWise,
  keys: readonly string[],
): Promise<Map<string, Configuration>> {
  const found = new Map<string, Configuration>();
  for (const conditions of inConditions("deviceIdentifier", keys)) {
    const rows = await cw.configurations.all({
      conditions,
      fields: CONFIGURATION_FIELDS,
      pageSize: 1000,
    });
    for (const row of rows.sort((a, b) => a.id - b.id)) {
      const key = row.deviceIdentifier;
      if (typeof key === "string" && !found.has(key)) found.set(key, row);
    }
  }
  return found;
}

/**
 * Whether one device key matches — within a company — in ConnectWise (used by tests and
 * reconcile).
 *
 * @example
 * await countByDeviceKey(cw, "cwb:src:d1", 250) // 1
 */
export async function countByDeviceKey(
  cw: ConnectWise,
  key: string,
  companyId: number,
): Promise<number> {
  return cw.configurations.count({
    conditions: where(and(eq("deviceIdentifier", key), eq("company/id", companyId))),
  });
}

const ORDER: readonly AdoptionKey[] = [
  "deviceIdentifier",
  "serialNumber",
  "tagNumber",
  "macAddress",
  "name",
];

/** The same key normalisation as the domain's adoption match (so the index never misses). */
function keyOf(by: AdoptionKey, record: AdoptionProbe | Configuration): string {
  const value = (record as unknown as Record<string, unknown>)[by];
  const raw = typeof value === "string" ? value.trim().toLowerCase() : "";
  if (by === "serialNumber") return JUNK_SERIALS.has(raw) ? "" : raw;
  if (by === "macAddress") return raw === "" ? "" : normaliseMac(raw).toLowerCase();
  if (by === "name") return raw.replace(/\s+/g, " ");
  return raw;
}

/** Existing configurations of one company, indexed by every adoption key. */
export class AdoptionIndex {
  private readonly maps = new Map<AdoptionKey, Map<string, Configuration[]>>(
    ORDER.map((by) => [by, new Map<string, Configuration[]>()]),
  );

  constructor(configs: readonly Configuration[]) {
    for (const config of configs) {
      // A configuration carrying another cwbridge device's key belongs to that device.
      const owned = (config.deviceIdentifier ?? "").startsWith("cwb:");
      for (const by of owned ? (["deviceIdentifier"] as const) : ORDER) {
        const key = keyOf(by, config);
        if (key === "") continue;
        const map = this.maps.get(by);
        map?.set(key, [...(map.get(key) ?? []), config]);
      }
    }
  }

  /**
   * The domain's adoption match over this company's configurations (only the ones sharing a
   * key with the probe are compared, so it stays fast for large companies).
   *
   * @example
   * new AdoptionIndex(configs).match(probe) // { kind: "matched", configId: 20001, by: "serialNumber" }
   */
  match(probe: AdoptionProbe): {
    result: ReturnType<typeof adoptionMatch>;
    configs: Map<number, Configuration>;
  } {
    const candidates = new Map<number, Configuration>();
    for (const by of ORDER) {
      const key = keyOf(by, probe);
      if (key === "") continue;
      for (const config of this.maps.get(by)?.get(key) ?? []) candidates.set(config.id, config);
    }
    const pool = [...candidates.values()].map((c) => ({
      id: c.id,
      name: c.name ?? "",
      ...(c.deviceIdentifier ? { deviceIdentifier: c.deviceIdentifier } : {}),
      ...((c.deviceIdentifier ?? "").startsWith("cwb:")
        ? {}
        : {
            ...(c.serialNumber ? { serialNumber: c.serialNumber } : {}),
            ...(c.tagNumber ? { tagNumber: c.tagNumber } : {}),
            ...(c.macAddress ? { macAddress: c.macAddress } : {}),
          }),
    }));
    const owned = pool.filter((c) => (c.deviceIdentifier ?? "").startsWith("cwb:"));
    const usable = pool.filter(
      (c) =>
        !owned.includes(c) || keyOf("deviceIdentifier", c) === keyOf("deviceIdentifier", probe),
    );
    return { result: adoptionMatch(probe, usable), configs: candidates };
  }
}
