/**
 * Source devices → ConnectWise configuration payloads: field mapping with ConnectWise's
 * maxLengths, a stable device key (`deviceIdentifier`), a content hash for change detection and
 * a top-level diff that drives PATCH.
 */
import { canonicalJson } from "./canonical-json.js";
import { sha256Hex } from "./sha256.js";

/** A device as a source tool reports it (the fields cwbridge maps). */
export interface SourceDevice {
  readonly externalId: string;
  readonly customerExternalId: string;
  readonly name: string;
  /** Configuration type name, e.g. "Managed Workstation", "Managed Server". */
  readonly type: string;
  readonly serialNumber?: string;
  readonly tagNumber?: string;
  readonly macAddress?: string;
  readonly ipAddress?: string;
  readonly defaultGateway?: string;
  readonly osType?: string;
  readonly osInfo?: string;
  readonly manufacturer?: string;
  readonly modelNumber?: string;
  readonly lastLoginName?: string;
  readonly cpuSpeed?: string;
  readonly ram?: string;
  readonly siteExternalId?: string;
  readonly managementLink?: string;
  readonly remoteLink?: string;
  readonly notes?: string;
}

/** A ConnectWise reference by id or by name. */
export type CwRef = { readonly id: number } | { readonly name: string };

/** The `CompanyConfiguration` fields cwbridge writes. */
export interface ConfigurationPayload {
  readonly name: string;
  readonly deviceIdentifier: string;
  readonly type: CwRef;
  readonly company: { readonly id: number };
  readonly site?: { readonly id: number };
  readonly status?: CwRef;
  readonly activeFlag: boolean;
  readonly serialNumber?: string;
  readonly tagNumber?: string;
  readonly macAddress?: string;
  readonly ipAddress?: string;
  readonly defaultGateway?: string;
  readonly osType?: string;
  readonly osInfo?: string;
  readonly manufacturer?: { readonly name: string };
  readonly modelNumber?: string;
  readonly lastLoginName?: string;
  readonly cpuSpeed?: string;
  readonly ram?: string;
  readonly managementLink?: string;
  readonly remoteLink?: string;
  readonly notes?: string;
}

/** `maxLength`s of `CompanyConfiguration` (ConnectWise OpenAPI 2025.16). */
export const CONFIGURATION_MAX_LENGTHS = {
  name: 100,
  deviceIdentifier: 100,
  serialNumber: 250,
  modelNumber: 50,
  tagNumber: 50,
  macAddress: 25,
  lastLoginName: 100,
  ipAddress: 50,
  defaultGateway: 50,
  osType: 250,
  osInfo: 250,
  cpuSpeed: 100,
  ram: 25,
  managementLink: 1000,
  remoteLink: 1000,
} as const satisfies Partial<Record<keyof ConfigurationPayload, number>>;

type LimitedField = keyof typeof CONFIGURATION_MAX_LENGTHS;

/** Where the device goes in ConnectWise (resolved from the customer mapping). */
export interface ConfigurationTarget {
  readonly sourceId: string;
  readonly companyId: number;
  readonly siteId?: number;
  /** Overrides `device.type` (e.g. a per-mapping type); by name or id. */
  readonly type?: CwRef;
  readonly status?: CwRef;
}

/**
 * Truncates to `max` UTF-16 units without splitting a surrogate pair; trims whitespace.
 *
 * @example
 * truncate("  abcdef ", 3) // "abc"
 */
export function truncate(value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length <= max) return trimmed;
  const cut = trimmed.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return (last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut).trimEnd();
}

/**
 * The stable external key stored in `deviceIdentifier`: `cwb:<sourceId>:<externalId>`, or
 * `cwb:h:<sha256 hex>` of that string when it would exceed 100 characters.
 *
 * @example
 * deviceKey("level", "dev-42") // "cwb:level:dev-42"
 */
export function deviceKey(sourceId: string, externalId: string): string {
  const key = `cwb:${sourceId}:${externalId}`;
  return key.length <= CONFIGURATION_MAX_LENGTHS.deviceIdentifier ? key : `cwb:h:${sha256Hex(key)}`;
}

/**
 * A MAC address as `AA:BB:CC:DD:EE:FF` when it has 12 hex digits; otherwise trimmed as given.
 *
 * @example
 * normaliseMac("00-1a-2b-3c-4d-5e") // "00:1A:2B:3C:4D:5E"
 */
export function normaliseMac(value: string): string {
  const hex = value.replace(/[\s:.-]/g, "");
  if (!/^[0-9a-fA-F]{12}$/.test(hex)) return value.trim();
  return (hex.toUpperCase().match(/../g) ?? []).join(":");
}

const TEXT_FIELDS = [
  "serialNumber",
  "tagNumber",
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
] as const satisfies readonly LimitedField[];

function textFields(device: SourceDevice): Partial<Record<LimitedField, string>> {
  const out: Partial<Record<LimitedField, string>> = {};
  for (const field of TEXT_FIELDS) {
    const value = device[field];
    const cut = value === undefined ? "" : truncate(value, CONFIGURATION_MAX_LENGTHS[field]);
    if (cut !== "") out[field] = cut;
  }
  if (device.macAddress !== undefined) {
    const mac = truncate(normaliseMac(device.macAddress), CONFIGURATION_MAX_LENGTHS.macAddress);
    if (mac !== "") out.macAddress = mac;
  }
  return out;
}

/**
 * Maps a source device to a configuration payload (always `activeFlag: true`; empty values are
 * omitted; strings truncated to ConnectWise's maxLengths).
 *
 * @example
 * toConfigurationPayload({ externalId: "d1", customerExternalId: "c1", name: "PC-01", type: "Managed Workstation" },
 *   { sourceId: "level", companyId: 250 })
 * // { name: "PC-01", deviceIdentifier: "cwb:level:d1", type: { name: "Managed Workstation" }, company: { id: 250 }, activeFlag: true }
 */
export function toConfigurationPayload(
  device: SourceDevice,
  target: ConfigurationTarget,
): ConfigurationPayload {
  const manufacturer = truncate(device.manufacturer ?? "", 50);
  const notes = device.notes?.trim() ?? "";
  return {
    name: truncate(device.name, CONFIGURATION_MAX_LENGTHS.name) || truncate(device.externalId, 100),
    deviceIdentifier: deviceKey(target.sourceId, device.externalId),
    type: target.type ?? { name: truncate(device.type, 50) },
    company: { id: target.companyId },
    ...(target.siteId === undefined ? {} : { site: { id: target.siteId } }),
    ...(target.status === undefined ? {} : { status: target.status }),
    activeFlag: true,
    ...textFields(device),
    ...(manufacturer === "" ? {} : { manufacturer: { name: manufacturer } }),
    ...(notes === "" ? {} : { notes }),
  };
}

/** Fields left out of the content hash by default (server-managed). */
export const VOLATILE_FIELDS: readonly string[] = ["id", "_info", "lastUpdated"];

/**
 * Stable hash of a payload for change detection (NOT security): SHA-256 over canonical JSON
 * (sorted keys), excluding volatile top-level fields. Equal payloads ⇒ equal hashes.
 *
 * @example
 * contentHash(payload) === record.pushedHash // unchanged: 0 requests
 * contentHash(payload, { exclude: [...VOLATILE_FIELDS, "lastLoginName"] })
 */
export function contentHash(
  payload: object,
  options: { readonly exclude?: readonly string[] } = {},
): string {
  const exclude = new Set(options.exclude ?? VOLATILE_FIELDS);
  const kept = Object.fromEntries(Object.entries(payload).filter(([key]) => !exclude.has(key)));
  return sha256Hex(canonicalJson(kept));
}

/** One changed top-level field. */
export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

function sameValue(current: unknown, desired: unknown): boolean {
  if (isRecord(desired) && isRecord(current)) {
    if ("id" in desired) return current["id"] === desired["id"];
    if ("name" in desired && Object.keys(desired).length === 1) {
      const [a, b] = [current["name"], desired["name"]];
      return typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase();
    }
  }
  return canonicalJson(current) === canonicalJson(desired);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Top-level fields of `desired` whose value differs from `current` (a ConnectWise record or a
 * previously pushed payload). References compare by `id`, or by name (case-insensitive) when
 * `desired` names them; fields absent from `desired` are never reported (we do not clear them).
 *
 * @example
 * diffConfiguration({ name: "PC-01", type: { id: 3, name: "Managed Workstation" } },
 *                   { name: "PC-02", type: { name: "managed workstation" } })
 * // [{ field: "name", from: "PC-01", to: "PC-02" }]
 */
export function diffConfiguration(current: object, desired: object): FieldChange[] {
  const cur = current as Record<string, unknown>;
  return Object.entries(desired as Record<string, unknown>)
    .filter(([field, to]) => to !== undefined && !sameValue(cur[field], to))
    .map(([field, to]) => ({ field, from: cur[field], to }))
    .sort((a, b) => a.field.localeCompare(b.field));
}
