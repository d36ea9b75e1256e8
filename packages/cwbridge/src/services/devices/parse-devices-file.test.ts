import { describe, expect, it } from "vitest";
import { DeviceError } from "./errors.js";
import { iterateDevicesFile, parseDevicesFile } from "./parse-devices-file.js";

describe("parseDevicesFile", () => {
  it("reads a JSON array or { devices: [...] }", () => {
    const one = { externalId: "d1", customerId: "c1", name: "PC", type: "T" };
    expect(parseDevicesFile(JSON.stringify([one]), "json")).toEqual([one]);
    expect(parseDevicesFile(JSON.stringify({ devices: [one] }), "json")).toEqual([one]);
  });

  it("rejects malformed JSON and other shapes", () => {
    expect(() => parseDevicesFile("[{", "json")).toThrow(DeviceError);
    expect(() => parseDevicesFile('{"items":[]}', "json")).toThrow(/array of devices/);
  });

  it("maps CSV headers (case-insensitive) to fields and drops empty cells", () => {
    const text =
      'ExternalId,customerid,name,type,serialNumber\nd1,c1,"PC, 1",Managed Workstation,\n';
    expect(parseDevicesFile(text, "csv")).toEqual([
      { externalId: "d1", customerId: "c1", name: "PC, 1", type: "Managed Workstation" },
    ]);
  });

  it("rejects unknown headers, wrong field counts and malformed CSV", () => {
    expect(() => parseDevicesFile("externalId,color\n", "csv")).toThrow(
      /"color" is not a device field/,
    );
    expect(() => parseDevicesFile("externalId,name\nd1\n", "csv")).toThrow(/record 2 has 1 fields/);
    expect(() => parseDevicesFile('externalId\n"d1\n', "csv")).toThrow(/malformed CSV/);
    expect(() => parseDevicesFile("", "csv")).toThrow(/header row is required/);
  });

  it("streams 100,000 CSV rows lazily", () => {
    const lines = ["externalId,customerId,name,type"];
    for (let i = 0; i < 100_000; i++) lines.push(`d${i},c${i % 50},PC-${i},Managed Workstation`);
    let n = 0;
    for (const record of iterateDevicesFile(lines.join("\n"), "csv")) {
      if (typeof record === "object") n++;
    }
    expect(n).toBe(100_000);
  });
});
