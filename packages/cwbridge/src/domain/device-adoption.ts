/**
 * Adoption: before a device's configuration is created (at its company's first sync or any
 * later one), find the existing configuration of the device — by device key, then serial
 * number, then tag number, then MAC address, then normalised name — within its company.
 * Ambiguity is reported, never merged.
 */
import { normaliseMac } from "./device-config.js";

/** The fields of an existing ConnectWise configuration used for adoption. */
export interface ExistingConfiguration {
  readonly id: number;
  readonly name: string;
  readonly deviceIdentifier?: string;
  readonly serialNumber?: string;
  readonly tagNumber?: string;
  readonly macAddress?: string;
}

/** What adoption compares on the device side (usually its mapped payload). */
export interface AdoptionProbe {
  readonly name: string;
  readonly deviceIdentifier: string;
  readonly serialNumber?: string;
  readonly tagNumber?: string;
  readonly macAddress?: string;
}

/** The key that decided. */
export type AdoptionKey = "deviceIdentifier" | "serialNumber" | "tagNumber" | "macAddress" | "name";

/** Outcome of {@link adoptionMatch}. */
export type AdoptionMatch =
  | { readonly kind: "matched"; readonly configId: number; readonly by: AdoptionKey }
  | { readonly kind: "ambiguous"; readonly by: AdoptionKey; readonly configIds: readonly number[] }
  | { readonly kind: "none" };

/** Placeholder serial numbers that identify nothing (compared case-insensitively). */
export const JUNK_SERIALS: ReadonlySet<string> = new Set([
  "",
  "0",
  "00000000",
  "0123456789",
  "1234567890",
  "none",
  "n/a",
  "na",
  "unknown",
  "default string",
  "to be filled by o.e.m.",
  "system serial number",
  "not specified",
  "not applicable",
  "chassis serial number",
  "invalid",
  "serial",
  "123456789",
]);

const ORDER: readonly AdoptionKey[] = [
  "deviceIdentifier",
  "serialNumber",
  "tagNumber",
  "macAddress",
  "name",
];

function keyOf(by: AdoptionKey, record: AdoptionProbe | ExistingConfiguration): string {
  const raw = record[by]?.trim().toLowerCase() ?? "";
  if (by === "serialNumber") return JUNK_SERIALS.has(raw) ? "" : raw;
  if (by === "macAddress") return raw === "" ? "" : normaliseMac(raw).toLowerCase();
  if (by === "name") return raw.replace(/\s+/g, " ");
  return raw;
}

/**
 * Finds the existing configuration (of the device's company) that a device should adopt.
 * The first key with any hit decides: one hit → matched; several → ambiguous (stop).
 *
 * @example
 * adoptionMatch({ name: "PC-01", deviceIdentifier: "cwb:level:d1", serialNumber: "ABC123" },
 *   [{ id: 7, name: "pc-01", serialNumber: "abc123" }])
 * // { kind: "matched", configId: 7, by: "serialNumber" }
 */
export function adoptionMatch(
  device: AdoptionProbe,
  existing: readonly ExistingConfiguration[],
): AdoptionMatch {
  for (const by of ORDER) {
    const wanted = keyOf(by, device);
    if (wanted === "") continue;
    const hits = existing
      .filter((config) => keyOf(by, config) === wanted)
      .map((config) => config.id);
    if (hits.length === 1) return { kind: "matched", configId: hits[0]!, by };
    if (hits.length > 1) return { kind: "ambiguous", by, configIds: hits.sort((a, b) => a - b) };
  }
  return { kind: "none" };
}
