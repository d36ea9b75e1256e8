/**
 * Test-only: a deterministic workload from a seed — customers that map 1:1 to active
 * customer companies of an emulator seed (same `identifier`, so `matchCustomers` maps them
 * exactly), devices spread over those customers, and alert open/resolve cycles (a few resolved
 * while their ticket is being created, a few delivered twice). The same options always give
 * the same workload.
 */
import {
  createRandom,
  type Entity,
  type Random,
  type SeedData,
} from "@cwbridge/connectwise-emulator";
import type { DeviceInput } from "../../src/features/devices/device-schema.js";

/** One customer as a source pushes it. */
export interface WorkloadCustomer {
  readonly id: string;
  readonly name: string;
  readonly identifier: string;
}

/** One inbound alert event (the `ingestAlert` input). */
export interface WorkloadAlertEvent {
  readonly id: string;
  readonly kind: "fire" | "resolve";
  readonly name: string;
  readonly summary: string;
  readonly customerId: string;
  readonly deviceId: string;
  readonly fingerprint: string;
}

/** One alert that fires, gets its ticket, and resolves (the ticket is closed). */
export interface AlertCycle {
  readonly fingerprint: string;
  readonly fire: WorkloadAlertEvent;
  readonly resolve: WorkloadAlertEvent;
  /** Deliver the resolve right after the fire (races the ticket create). */
  readonly racing: boolean;
  /** Deliver each event twice (same delivery id: a duplicate the engine must drop). */
  readonly redelivered: boolean;
}

/** What {@link buildWorkload} needs. */
export interface WorkloadOptions {
  readonly seed: number;
  /** The emulator seed the customers are matched against. */
  readonly emulatorSeed: SeedData;
  readonly customers: number;
  readonly devices: number;
  readonly cycles: number;
  /** Share of cycles whose events are delivered twice (same delivery id); default 0.05. */
  readonly redeliveryRate?: number;
  /** Share of cycles resolved right after firing; default 0.05. */
  readonly racingRate?: number;
  /** Devices pushed only after the first sync (see {@link LateDevice}); default 0. */
  readonly lateDevices?: number;
}

/** How a late device's twin configuration matches it. */
export type TwinMatch = "serialNumber" | "macAddress" | "name";

/**
 * A device pushed after its company's first sync. Most have a twin: a configuration made in
 * ConnectWise (by a technician) after the first sync, matching the device by serial number,
 * MAC address (another spelling) or name (another case) only — the device must adopt it.
 */
export interface LateDevice {
  readonly device: DeviceInput;
  readonly twin?: {
    readonly by: TwinMatch;
    readonly companyId: number;
    /** The configuration's fields besides type and company. */
    readonly fields: { readonly name: string } & Readonly<Record<string, string>>;
  };
}

/** The whole workload. */
export interface Workload {
  readonly seed: number;
  readonly customers: readonly WorkloadCustomer[];
  /** customer id → ConnectWise company id it must map to. */
  readonly companyOf: ReadonlyMap<string, number>;
  readonly devices: readonly DeviceInput[];
  readonly cycles: readonly AlertCycle[];
  /** Devices pushed after the first sync (empty unless `lateDevices`). */
  readonly late: readonly LateDevice[];
}

const DEVICE_TYPES = ["Managed Workstation", "Managed Server", "Network Device"] as const;
const ALERT_NAMES = ["Disk space low", "CPU high", "Service stopped", "Backup failed"] as const;

/**
 * Active, not deleted companies of type Customer, by id.
 *
 * @example
 * customerCompanies(demoSeed({ companies: 200 })).length // ≥ 200
 */
export function customerCompanies(seed: SeedData): Entity[] {
  const rows = seed.tables.companies ?? [];
  return rows
    .filter((company) => {
      const status = company["status"] as { name?: string } | undefined;
      const types = (company["types"] ?? []) as readonly { name?: string }[];
      return (
        company["deletedFlag"] !== true &&
        status?.name === "Active" &&
        types.some((type) => type.name === "Customer")
      );
    })
    .sort((a, b) => a.id - b.id);
}

function buildCustomers(seed: SeedData, count: number): WorkloadCustomer[] {
  const companies = customerCompanies(seed);
  if (companies.length < count) {
    throw new RangeError(`workload: ${count} customers wanted, the seed has ${companies.length}`);
  }
  return companies.slice(0, count).map((company, index) => ({
    id: `cust-${String(index + 1).padStart(4, "0")}`,
    name: String(company["name"]),
    identifier: String(company["identifier"]),
  }));
}

function hex(random: Random, digits: number): string {
  let out = "";
  for (let i = 0; i < digits; i++) out += random.int(0, 15).toString(16);
  return out.toUpperCase();
}

function buildDevice(random: Random, index: number, customer: WorkloadCustomer): DeviceInput {
  const n = String(index + 1).padStart(6, "0");
  const type = random.pick(DEVICE_TYPES);
  return {
    externalId: `dev-${n}`,
    customerId: customer.id,
    name: `${type === "Managed Server" ? "SRV" : type === "Network Device" ? "NET" : "WS"}-${n}`,
    type,
    serialNumber: `SN${hex(random, 10)}`,
    macAddress: hex(random, 12),
    ipAddress: `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`,
    osType: type === "Network Device" ? "RouterOS" : random.pick(["Windows 11", "Ubuntu 24.04"]),
    manufacturer: random.pick(["Dell", "HP", "Lenovo"]),
  };
}

function buildCycles(
  random: Random,
  options: WorkloadOptions,
  devices: readonly DeviceInput[],
): AlertCycle[] {
  const count = options.cycles;
  const cycles: AlertCycle[] = [];
  for (let i = 0; i < count; i++) {
    const device = random.pick(devices);
    const name = random.pick(ALERT_NAMES);
    const fingerprint = `fp-${String(i + 1).padStart(5, "0")}`;
    const base = {
      name,
      customerId: device.customerId,
      deviceId: device.externalId,
      fingerprint,
    };
    cycles.push({
      fingerprint,
      fire: {
        ...base,
        id: `${fingerprint}-fire`,
        kind: "fire",
        summary: `${name} on ${device.name}`,
      },
      resolve: {
        ...base,
        id: `${fingerprint}-resolve`,
        kind: "resolve",
        summary: `${name} on ${device.name} resolved`,
      },
      racing: random.next() < (options.racingRate ?? 0.05),
      redelivered: random.next() < (options.redeliveryRate ?? 0.05),
    });
  }
  return cycles;
}

function twinOf(random: Random, device: DeviceInput, companyId: number): LateDevice["twin"] {
  const by = random.pick(["serialNumber", "macAddress", "name", "none"] as const);
  const spare = `Spare ${device.externalId}`;
  if (by === "none") return undefined;
  if (by === "name") return { by, companyId, fields: { name: device.name.toLowerCase() } };
  if (by === "serialNumber") {
    return { by, companyId, fields: { name: spare, serialNumber: String(device.serialNumber) } };
  }
  const mac = (String(device.macAddress).match(/../g) ?? []).join(":").toLowerCase();
  return { by, companyId, fields: { name: spare, macAddress: mac } };
}

/** Late devices (their own PRNG, so the rest of a seed's workload does not change). */
function buildLate(
  options: WorkloadOptions,
  customers: readonly WorkloadCustomer[],
  companyOf: ReadonlyMap<string, number>,
): LateDevice[] {
  const random = createRandom(options.seed * 31 + 7);
  return Array.from({ length: options.lateDevices ?? 0 }, (_, i) => {
    const customer = customers[(i * 7) % customers.length] as WorkloadCustomer;
    const device = buildDevice(random, options.devices + i, customer);
    const twin = twinOf(random, device, companyOf.get(customer.id) ?? 0);
    return twin === undefined ? { device } : { device, twin };
  });
}

/**
 * Builds the workload.
 *
 * @example
 * const w = buildWorkload({ seed: 1, emulatorSeed: demoSeed({ companies: 200 }), customers: 200, devices: 2000, cycles: 300 });
 * w.devices.length // 2000
 */
export function buildWorkload(options: WorkloadOptions): Workload {
  const random = createRandom(options.seed);
  const customers = buildCustomers(options.emulatorSeed, options.customers);
  const companies = customerCompanies(options.emulatorSeed);
  const companyOf = new Map(customers.map((c, i) => [c.id, companies[i]?.id ?? 0]));
  const devices = Array.from({ length: options.devices }, (_, i) =>
    buildDevice(random, i, customers[i % customers.length] as WorkloadCustomer),
  );
  const cycles = buildCycles(random, options, devices);
  const late = buildLate(options, customers, companyOf);
  return { seed: options.seed, customers, companyOf, devices, cycles, late };
}
