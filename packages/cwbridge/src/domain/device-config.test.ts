import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CONFIGURATION_MAX_LENGTHS,
  contentHash,
  deviceKey,
  diffConfiguration,
  normaliseMac,
  toConfigurationPayload,
  truncate,
  type SourceDevice,
} from "./device-config.js";

const device: SourceDevice = {
  externalId: "dev-1",
  customerExternalId: "cust-1",
  name: "  PC-01 ",
  type: "Managed Workstation",
  serialNumber: "SN123",
  macAddress: "00-1a-2b-3c-4d-5e",
  ipAddress: "10.0.0.5",
  osType: "Windows 11 Pro",
  manufacturer: "Dell Inc.",
  tagNumber: "",
};

describe("toConfigurationPayload", () => {
  it("maps fields, omits empty ones and sets the device key", () => {
    const payload = toConfigurationPayload(device, {
      sourceId: "level",
      companyId: 250,
      siteId: 3,
    });
    expect(payload).toEqual({
      name: "PC-01",
      deviceIdentifier: "cwb:level:dev-1",
      type: { name: "Managed Workstation" },
      company: { id: 250 },
      site: { id: 3 },
      activeFlag: true,
      serialNumber: "SN123",
      macAddress: "00:1A:2B:3C:4D:5E",
      ipAddress: "10.0.0.5",
      osType: "Windows 11 Pro",
      manufacturer: { name: "Dell Inc." },
    });
  });

  it("truncates every field to ConnectWise's maxLength", () => {
    const long = "x".repeat(2000);
    const payload = toConfigurationPayload(
      {
        ...device,
        name: long,
        serialNumber: long,
        macAddress: long,
        ipAddress: long,
        osType: long,
        osInfo: long,
        lastLoginName: long,
        modelNumber: long,
      },
      { sourceId: "s", companyId: 1, type: { id: 9 } },
    );
    for (const [field, max] of Object.entries(CONFIGURATION_MAX_LENGTHS)) {
      const value = (payload as unknown as Record<string, unknown>)[field];
      if (typeof value === "string") expect(value.length, field).toBeLessThanOrEqual(max);
    }
    expect(payload.type).toEqual({ id: 9 });
  });

  it("falls back to the external id when the name is blank", () => {
    expect(
      toConfigurationPayload({ ...device, name: "  " }, { sourceId: "s", companyId: 1 }).name,
    ).toBe("dev-1");
  });
});

describe("deviceKey", () => {
  it("is cwb:<source>:<id>, hashed when longer than 100", () => {
    expect(deviceKey("level", "abc")).toBe("cwb:level:abc");
    const long = deviceKey("level", "x".repeat(200));
    expect(long).toMatch(/^cwb:h:[0-9a-f]{64}$/);
    expect(long).toBe(deviceKey("level", "x".repeat(200)));
    expect(long).not.toBe(deviceKey("level", "x".repeat(201)));
    fc.assert(fc.property(fc.string(), fc.string(), (s, id) => deviceKey(s, id).length <= 100));
  });
});

describe("truncate / normaliseMac", () => {
  it("does not split surrogate pairs", () => {
    expect(truncate("ab😀", 3)).toBe("ab");
    expect(truncate(" abc ", 10)).toBe("abc");
  });
  it("normalises 12-hex MACs and keeps others", () => {
    expect(normaliseMac("001a.2b3c.4d5e")).toBe("00:1A:2B:3C:4D:5E");
    expect(normaliseMac(" weird ")).toBe("weird");
  });
});

describe("contentHash", () => {
  const payload = toConfigurationPayload(device, { sourceId: "level", companyId: 250 });
  it("is stable under key order and ignores volatile fields", () => {
    const reordered = Object.fromEntries(Object.entries(payload).reverse());
    expect(contentHash(reordered)).toBe(contentHash(payload));
    expect(contentHash({ ...payload, id: 5, _info: { lastUpdated: "x" } })).toBe(
      contentHash(payload),
    );
    expect(contentHash(payload)).toMatch(/^[0-9a-f]{64}$/);
  });
  it("changes when a mapped field changes, unless excluded", () => {
    expect(contentHash({ ...payload, ipAddress: "10.0.0.6" })).not.toBe(contentHash(payload));
    const exclude = ["ipAddress"];
    expect(contentHash({ ...payload, ipAddress: "10.0.0.6" }, { exclude })).toBe(
      contentHash(payload, { exclude }),
    );
  });
});

describe("diffConfiguration", () => {
  it("lists changed top-level fields, comparing references by id or name", () => {
    const current = {
      id: 77,
      name: "PC-01",
      type: { id: 3, name: "Managed Workstation" },
      company: { id: 250, identifier: "Acme" },
      ipAddress: "10.0.0.5",
      notes: "kept",
      _info: {},
    };
    const desired = {
      name: "PC-02",
      type: { name: "managed workstation" },
      company: { id: 251 },
      ipAddress: "10.0.0.5",
    };
    expect(diffConfiguration(current, desired)).toEqual([
      { field: "company", from: { id: 250, identifier: "Acme" }, to: { id: 251 } },
      { field: "name", from: "PC-01", to: "PC-02" },
    ]);
    expect(diffConfiguration(desired, desired)).toEqual([]);
  });
});
