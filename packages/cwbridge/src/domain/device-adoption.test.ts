import { describe, expect, it } from "vitest";
import { adoptionMatch, type ExistingConfiguration } from "./device-adoption.js";

const probe = {
  name: "PC-01",
  deviceIdentifier: "cwb:level:d1",
  serialNumber: "ABC123",
  tagNumber: "T-9",
  macAddress: "00:11:22:33:44:55",
};

describe("adoptionMatch", () => {
  it("tries device key, serial, tag, MAC, then name", () => {
    const existing: ExistingConfiguration[] = [
      { id: 1, name: "pc-01" },
      { id: 2, name: "other", macAddress: "00-11-22-33-44-55" },
      { id: 3, name: "other", tagNumber: "t-9" },
      { id: 4, name: "other", serialNumber: " abc123 " },
      { id: 5, name: "other", deviceIdentifier: "CWB:level:d1" },
    ];
    expect(adoptionMatch(probe, existing)).toEqual({
      kind: "matched",
      configId: 5,
      by: "deviceIdentifier",
    });
    expect(adoptionMatch(probe, existing.slice(0, 4))).toEqual({
      kind: "matched",
      configId: 4,
      by: "serialNumber",
    });
    expect(adoptionMatch(probe, existing.slice(0, 3))).toEqual({
      kind: "matched",
      configId: 3,
      by: "tagNumber",
    });
    expect(adoptionMatch(probe, existing.slice(0, 2))).toEqual({
      kind: "matched",
      configId: 2,
      by: "macAddress",
    });
    expect(adoptionMatch(probe, existing.slice(0, 1))).toEqual({
      kind: "matched",
      configId: 1,
      by: "name",
    });
    expect(adoptionMatch(probe, [])).toEqual({ kind: "none" });
  });

  it("reports ambiguity instead of merging, and does not fall through", () => {
    const existing = [
      { id: 8, name: "x", serialNumber: "ABC123" },
      { id: 7, name: "y", serialNumber: "abc123" },
      { id: 9, name: "PC-01" },
    ];
    expect(adoptionMatch(probe, existing)).toEqual({
      kind: "ambiguous",
      by: "serialNumber",
      configIds: [7, 8],
    });
  });

  it("ignores placeholder serial numbers", () => {
    const junk = { ...probe, serialNumber: "To Be Filled By O.E.M." };
    const existing = [
      { id: 1, name: "a", serialNumber: "To be filled by O.E.M." },
      { id: 2, name: "b", serialNumber: "to be filled by o.e.m." },
      { id: 3, name: "PC-01" },
    ];
    expect(
      adoptionMatch(
        { name: junk.name, deviceIdentifier: "k", serialNumber: junk.serialNumber },
        existing,
      ),
    ).toEqual({
      kind: "matched",
      configId: 3,
      by: "name",
    });
  });
});
