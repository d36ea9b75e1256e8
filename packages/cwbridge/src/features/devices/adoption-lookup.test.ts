import { parseConditions, type Expr } from "@cwbridge/connectwise";
import { describe, expect, it } from "vitest";
import type { AdoptionProbe } from "../../domain/device-adoption.js";
import { lookupConditions, MAX_LOOKUP_CONDITIONS, probeValues } from "./adoption-lookup.js";

const encodedLength = (text: string) => new URLSearchParams({ x: text }).toString().length - 2;

/** field → values of every `field in (…)` of a printed lookup, read back by the parser. */
function valuesOf(conditions: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const visit = (expr: Expr): void => {
    if (expr.kind === "and" || expr.kind === "or") expr.items.forEach(visit);
    else if (expr.kind === "cmp" && expr.op === "in" && expr.value.kind === "list") {
      const items = expr.value.items.map((item) => String("value" in item ? item.value : ""));
      out.set(expr.field, [...(out.get(expr.field) ?? []), ...items]);
    }
  };
  visit(parseConditions(conditions));
  return out;
}

const probe = (i: number, extra: Partial<AdoptionProbe> = {}): AdoptionProbe => ({
  name: `PC-${i}`,
  deviceIdentifier: `cwb:2f0d6c1e-4c55-4b5e-9b8e-1f0a5c1d2e3f:dev-${i}`,
  serialNumber: `SN-${i}`,
  ...extra,
});

describe("adoption lookup conditions", () => {
  it("restricts to the company and ORs the keys of every probe", () => {
    const [conditions, ...rest] = lookupConditions(250, [
      probe(1, { tagNumber: "T-1" }),
      probe(2, { macAddress: "00-1a-2b-3c-4d-5e" }),
    ]);
    expect(rest).toEqual([]);
    expect(conditions).toMatch(/^company\/id = 250 and \(/);
    const values = valuesOf(conditions ?? "");
    expect(values.get("serialNumber")).toEqual(["SN-1", "SN-2"]);
    expect(values.get("tagNumber")).toEqual(["T-1"]);
    expect(values.get("name")).toEqual(["PC-1", "PC-2"]);
    expect(values.get("macAddress")).toEqual([
      "00:1A:2B:3C:4D:5E",
      "00-1A-2B-3C-4D-5E",
      "001A2B3C4D5E",
      "00-1a-2b-3c-4d-5e",
    ]);
    expect(values.get("deviceIdentifier")).toHaveLength(2);
  });

  it("escapes hostile values: they stay values and never change the expression", () => {
    const name = 'PC" or company/id != 0 or name = "x\\';
    const [conditions] = lookupConditions(250, [probe(1, { name, serialNumber: 'a"b' })]);
    const parsed = parseConditions(conditions ?? "");
    expect(parsed.kind).toBe("and");
    expect(valuesOf(conditions ?? "").get("name")).toEqual([name]);
    expect(valuesOf(conditions ?? "").get("serialNumber")).toEqual(['a"b']);
  });

  it("leaves placeholder serials out and skips probes without any key", () => {
    expect(probeValues(probe(1, { serialNumber: "To Be Filled By O.E.M." })).serialNumber).toEqual(
      [],
    );
    expect(lookupConditions(250, [{ name: " ", deviceIdentifier: "" }])).toEqual([]);
  });

  it("splits many probes into URL-sized batches that cover every value once", () => {
    const probes = Array.from({ length: 120 }, (_, i) => probe(i, { tagNumber: `TAG-${i}` }));
    const batches = lookupConditions(250, probes);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches)
      expect(encodedLength(batch)).toBeLessThanOrEqual(MAX_LOOKUP_CONDITIONS);
    const serials = batches.flatMap((batch) => valuesOf(batch).get("serialNumber") ?? []);
    expect(serials).toEqual(probes.map((p) => p.serialNumber));
  });
});
