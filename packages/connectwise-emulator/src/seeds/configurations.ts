/**
 * Demo configurations (devices): a handful of hand-written ones useful for adoption tests, and
 * any number of generated ones spread over the customers.
 */
import type { Entity } from "../types.js";
import { MSP_COMPANY, daysBefore } from "./constants.js";
import type { ConfigurationTypeName } from "./configuration-setup.js";
import type { Random } from "../prng.js";
import { configurationStatusRef, contactRef, identifierRef, nameRef } from "./refs.js";

/** What the configuration builders need from other tables. */
export interface ConfigurationContext {
  readonly companies: readonly Entity[];
  readonly sites: readonly Entity[];
  readonly contacts: readonly Entity[];
  readonly types: readonly Entity[];
  readonly statuses: readonly Entity[];
}

/** First id of the configurations. */
export const FIRST_CONFIGURATION_ID = 20001;

interface FixedConfiguration {
  readonly company: string;
  readonly name: string;
  readonly type: ConfigurationTypeName;
  readonly status?: "Active" | "Inactive" | "Retired";
  readonly fields?: Readonly<Record<string, unknown>>;
}

/**
 * Hand-written devices: some with serial/tag/device identifiers, some name-only, the same name
 * ("FW-01") at two companies, an inactive and a retired one.
 */
const FIXED: readonly FixedConfiguration[] = [
  {
    company: "AcmeCorp",
    name: "ACME-WS-001",
    type: "Managed Workstation",
    fields: {
      serialNumber: "5CG1234ABC",
      tagNumber: "ACME-0001",
      deviceIdentifier: "rmm-7f3a-0001",
      macAddress: "00:1A:2B:3C:4D:01",
      ipAddress: "10.10.1.21",
      osType: "Windows 11 Pro",
      lastLoginName: "ACME\\alice",
    },
  },
  {
    company: "AcmeCorp",
    name: "ACME-SRV-01",
    type: "Managed Server",
    fields: {
      serialNumber: "CZJ9876XYZ",
      deviceIdentifier: "rmm-7f3a-0002",
      ipAddress: "10.10.1.5",
      osType: "Windows Server 2022",
      ram: "64 GB",
    },
  },
  {
    company: "AcmeCorp",
    name: "ACME-FW-01",
    type: "Firewall",
    fields: {
      serialNumber: "FGT60FTK20001234",
      modelNumber: "FortiGate 60F",
      ipAddress: "10.10.1.1",
    },
  },
  {
    company: "Globex",
    name: "FW-01",
    type: "Firewall",
    fields: {
      serialNumber: "FGT60FTK20005678",
      deviceIdentifier: "rmm-9b1c-0001",
      modelNumber: "FortiGate 60F",
    },
  },
  { company: "Globex", name: "GLOBEX-NAS", type: "Backup Appliance" },
  { company: "Initech", name: "FW-01", type: "Firewall" },
  {
    company: "Initech",
    name: "INITECH-PC-042",
    type: "Managed Workstation",
    status: "Inactive",
    fields: { tagNumber: "INI-042", osType: "Windows 10 Pro" },
  },
  {
    company: "Umbrella",
    name: "UMB-SRV-DC1",
    type: "Managed Server",
    status: "Retired",
    fields: { serialNumber: "UMB-SRV-0001", osType: "Windows Server 2012 R2" },
  },
  {
    company: "StarkInd",
    name: "STARK-SW-CORE",
    type: "Network Device",
    fields: { macAddress: "00:1A:2B:3C:4D:99", modelNumber: "Catalyst 9300" },
  },
  {
    company: "Contoso",
    name: "CONTOSO-PRN-2F",
    type: "Printer",
    fields: { serialNumber: "VNB3K12345", ipAddress: "192.168.5.40" },
  },
];

const labelled = (rows: readonly Entity[], field: string, value: string): Entity | undefined =>
  rows.find((row) => row[field] === value);

function primarySites(context: ConfigurationContext): Map<number, Entity> {
  const byCompany = new Map<number, Entity>();
  for (const site of context.sites) {
    const company = site["company"] as { id: number } | undefined;
    if (company !== undefined && site["primaryAddressFlag"] === true)
      byCompany.set(company.id, site);
  }
  return byCompany;
}

/**
 * The hand-written configurations whose company exists (ids from {@link FIRST_CONFIGURATION_ID}).
 *
 * @example
 * buildFixedConfigurations(context).find((row) => row["name"] === "ACME-WS-001")?.["serialNumber"];
 */
export function buildFixedConfigurations(context: ConfigurationContext): Entity[] {
  const sites = primarySites(context);
  const rows: Entity[] = [];
  for (const fixed of FIXED) {
    const company = labelled(context.companies, "identifier", fixed.company);
    const type = labelled(context.types, "name", fixed.type);
    const status = labelled(context.statuses, "description", fixed.status ?? "Active");
    if (company === undefined || type === undefined || status === undefined) continue;
    const site = sites.get(company.id);
    const contact = context.contacts.find(
      (row) => (row["company"] as { id: number }).id === company.id,
    );
    rows.push({
      id: FIRST_CONFIGURATION_ID + rows.length,
      name: fixed.name,
      type: nameRef(type),
      status: configurationStatusRef(status),
      company: identifierRef(company),
      ...(site === undefined ? {} : { site: nameRef(site) }),
      ...(contact === undefined ? {} : { contact: contactRef(contact) }),
      installationDate: daysBefore(400 + rows.length * 17),
      activeFlag: fixed.status === undefined || fixed.status === "Active",
      billFlag: false,
      ...fixed.fields,
    });
  }
  return rows;
}

/** A 12-character serial number from two PRNG draws (cheap enough for 100,000 rows). */
const serial = (random: Random): string =>
  `SN${Math.floor(random.next() * 0x10000000000)
    .toString(36)
    .toUpperCase()
    .padStart(8, "0")}${random.int(0, 1295).toString(36).toUpperCase().padStart(2, "0")}`;

interface Owner {
  readonly id: number;
  readonly identifier: string;
  readonly name: string;
  readonly siteId: number;
  readonly siteName: string;
  readonly prefix: string;
}

function ownerOf(company: Entity, site: Entity | undefined): Owner {
  if (site === undefined) throw new Error(`seed: company ${company.id} has no primary site`);
  const identifier = String(company["identifier"]);
  return {
    id: company.id,
    identifier,
    name: String(company["name"]),
    siteId: site.id,
    siteName: String(site["name"]),
    prefix: identifier.toUpperCase().slice(0, 12),
  };
}

const GENERATED_KINDS: readonly (readonly [ConfigurationTypeName, string, string])[] = [
  ["Managed Workstation", "WS", "Windows 11 Pro"],
  ["Managed Workstation", "LT", "Windows 11 Pro"],
  ["Managed Workstation", "MAC", "macOS 14"],
  ["Managed Server", "SRV", "Windows Server 2022"],
  ["Network Device", "SW", "Cisco IOS XE"],
];

/**
 * `count` generated configurations spread round-robin over the customers (not the MSP), ids
 * following `firstId`. Built in a tight loop: 100,000 rows take well under a second.
 *
 * @example
 * buildGeneratedConfigurations(1000, 20011, context, random).length; // 1000
 */
export function buildGeneratedConfigurations(
  count: number,
  firstId: number,
  context: ConfigurationContext,
  random: Random,
): Entity[] {
  const customers = context.companies.filter((company) => company.id !== MSP_COMPANY.id);
  if (count <= 0 || customers.length === 0) return [];
  const sites = primarySites(context);
  const owners = customers.map((company) => ownerOf(company, sites.get(company.id)));
  const kinds = GENERATED_KINDS.map(([typeName, code, os]) => {
    const type = labelled(context.types, "name", typeName);
    if (type === undefined) throw new Error(`seed: no configuration type ${typeName}`);
    return { typeId: type.id, typeName, code, os };
  });
  const status = context.statuses[0];
  if (status === undefined) throw new Error("seed: no configuration status");
  const statusName = String(status["description"]);
  const rows: Entity[] = new Array<Entity>(count);
  for (let i = 0; i < count; i += 1) {
    const owner = owners[i % owners.length] ?? owners[0];
    const kind = kinds[random.int(0, kinds.length - 1)] ?? kinds[0];
    if (owner === undefined || kind === undefined) throw new Error("seed: empty pools");
    rows[i] = {
      id: firstId + i,
      name: `${owner.prefix}-${kind.code}-${String(i + 1).padStart(5, "0")}`,
      type: { id: kind.typeId, name: kind.typeName },
      status: { id: status.id, name: statusName },
      company: { id: owner.id, identifier: owner.identifier, name: owner.name },
      site: { id: owner.siteId, name: owner.siteName },
      serialNumber: serial(random),
      deviceIdentifier: `rmm-gen-${(i + 1).toString(16).padStart(6, "0")}`,
      osType: kind.os,
      activeFlag: true,
      billFlag: false,
    };
  }
  return rows;
}
