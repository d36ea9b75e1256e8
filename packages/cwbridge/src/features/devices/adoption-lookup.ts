/**
 * The lookup that precedes every create after a company's first sync: the company's existing
 * configurations that share an adoption key (device key, serial number, tag number, MAC
 * address, name) with any device about to be created — one `conditions` query per batch of
 * devices (`company/id = C and (deviceIdentifier in (…) or serialNumber in (…) or …)`, values
 * escaped by the conditions builder, each batch short enough for the URL limit). When the
 * batches would cost more than reading the whole company (one count, then one request per
 * 1,000 configurations), the whole company is read instead. Reads only.
 */
import { and, eq, isIn, or, where, type ConnectWise } from "@cwbridge/connectwise";
import type { Configuration } from "@cwbridge/connectwise";
import { JUNK_SERIALS, type AdoptionProbe } from "../../domain/device-adoption.js";
import { normaliseMac } from "../../domain/device-config.js";
import { CONFIGURATION_FIELDS, readCompanyConfigurations } from "./adoption.js";

/**
 * Longest form-encoded `conditions` value per request: ConnectWise's ~2,000-character URL
 * guidance minus the rest of the URL (origin, path, `fields`, `pageSize`, `page`: ≤ 450).
 */
export const MAX_LOOKUP_CONDITIONS = 1500;

/** Rows per page of the lookup and of the whole-company read. */
const PAGE_SIZE = 1000;

type LookupField = "deviceIdentifier" | "serialNumber" | "tagNumber" | "macAddress" | "name";

const FIELDS: readonly LookupField[] = [
  "deviceIdentifier",
  "serialNumber",
  "tagNumber",
  "macAddress",
  "name",
];

function encodedLength(text: string): number {
  return new URLSearchParams({ x: text }).toString().length - 2;
}

function macForms(value: string): string[] {
  const canonical = normaliseMac(value);
  const hex = canonical.replace(/:/g, "");
  if (hex.length !== 12) return [value];
  return [canonical, canonical.replace(/:/g, "-"), hex, value];
}

/**
 * The values one probe is looked up by, per field (serial placeholders left out; a MAC in the
 * common spellings, since ConnectWise compares the stored text).
 *
 * @example
 * probeValues({ name: "PC-01", deviceIdentifier: "cwb:s:d1", serialNumber: "N/A" })
 * // { deviceIdentifier: ["cwb:s:d1"], serialNumber: [], tagNumber: [], macAddress: [], name: ["PC-01"] }
 */
export function probeValues(probe: AdoptionProbe): Record<LookupField, string[]> {
  const text = (value: string | undefined) => value?.trim() ?? "";
  const serial = text(probe.serialNumber);
  const mac = text(probe.macAddress);
  const name = text(probe.name);
  const collapsed = name.replace(/\s+/g, " ");
  return {
    deviceIdentifier: text(probe.deviceIdentifier) === "" ? [] : [text(probe.deviceIdentifier)],
    serialNumber: serial === "" || JUNK_SERIALS.has(serial.toLowerCase()) ? [] : [serial],
    tagNumber: text(probe.tagNumber) === "" ? [] : [text(probe.tagNumber)],
    macAddress: mac === "" ? [] : macForms(mac),
    name: name === "" ? [] : [...new Set([name, collapsed])],
  };
}

function conditionsOf(companyId: number, values: ReadonlyMap<LookupField, Set<string>>): string {
  const terms = FIELDS.flatMap((field) => {
    const list = [...(values.get(field) ?? [])];
    return list.length === 0 ? [] : [isIn(field, list)];
  });
  return where(and(eq("company/id", companyId), or(...terms)));
}

/**
 * The lookup's `conditions`, one per request: the probes packed in order, each batch as long
 * as fits {@link MAX_LOOKUP_CONDITIONS} once encoded (a single oversized probe goes alone).
 *
 * @example
 * lookupConditions(250, [{ name: "PC-01", deviceIdentifier: "cwb:s:d1", serialNumber: "ABC" }])
 * // ['company/id = 250 and (deviceIdentifier in ("cwb:s:d1") or serialNumber in ("ABC") or name in ("PC-01"))']
 */
export function lookupConditions(companyId: number, probes: readonly AdoptionProbe[]): string[] {
  const out: string[] = [];
  let batch = new Map<LookupField, Set<string>>();
  let printed: string | undefined;
  for (const probe of probes) {
    const values = probeValues(probe);
    if (FIELDS.every((field) => values[field].length === 0)) continue;
    const next = new Map([...batch].map(([field, set]) => [field, new Set(set)]));
    for (const field of FIELDS) {
      for (const value of values[field]) next.set(field, (next.get(field) ?? new Set()).add(value));
    }
    const text = conditionsOf(companyId, next);
    if (printed !== undefined && encodedLength(text) > MAX_LOOKUP_CONDITIONS) {
      out.push(printed);
      batch = new Map(FIELDS.map((field) => [field, new Set(values[field])]));
      printed = conditionsOf(companyId, batch);
    } else {
      batch = next;
      printed = text;
    }
  }
  if (printed !== undefined) out.push(printed);
  return out;
}

async function readAll(cw: ConnectWise, conditions: string): Promise<Configuration[]> {
  const rows: Configuration[] = [];
  const pages = cw.configurations.iterate({
    conditions,
    fields: CONFIGURATION_FIELDS,
    pageSize: PAGE_SIZE,
  });
  for await (const page of pages) rows.push(...page);
  return rows;
}

/**
 * The configurations of `companyId` that share an adoption key with one of `probes` (a
 * superset of what each probe's adoption match needs; deduplicated by id, ascending).
 *
 * @example
 * const configs = await lookupConfigurations(cw, 250, probes);
 */
export async function lookupConfigurations(
  cw: ConnectWise,
  companyId: number,
  probes: readonly AdoptionProbe[],
): Promise<Configuration[]> {
  const batches = lookupConditions(companyId, probes);
  if (batches.length === 0) return [];
  if (batches.length > 2) {
    const total = await cw.configurations.count({ conditions: where(eq("company/id", companyId)) });
    if (Math.max(1, Math.ceil(total / PAGE_SIZE)) < batches.length) {
      return (await readCompanyConfigurations(cw, [companyId])).get(companyId) ?? [];
    }
  }
  const byId = new Map<number, Configuration>();
  for (const conditions of batches) {
    for (const config of await readAll(cw, conditions)) byId.set(config.id, config);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}
