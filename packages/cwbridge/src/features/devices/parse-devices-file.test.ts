import { describe, expect, it } from "vitest";
import { DeviceError } from "./errors.js";
import { iterateDevicesFile, parseDevicesFile, readDevicesFile } from "./parse-devices-file.js";

/** Reads `text` through the streaming reader in chunks of `size` characters. */
async function streamed(text: string, format: "json" | "ndjson" | "csv", size: number) {
  async function* chunks() {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  }
  const out: unknown[] = [];
  for await (const record of readDevicesFile(chunks(), format)) out.push(record);
  return out;
}

const fileMessage = async (text: string, format: "json" | "ndjson" | "csv") => {
  try {
    await streamed(text, format, 3);
  } catch (error) {
    expect(error).toBeInstanceOf(DeviceError);
    expect((error as DeviceError).code).toBe("CWB_ERR_DEVICE_FILE_INVALID");
    return (error as DeviceError).message;
  }
  throw new Error("no error");
};

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

  it("reads JSON Lines: one object per line, blank lines and CRLF skipped, in any chunks", async () => {
    const one = { externalId: "d1", customerId: "c1", name: "PC {1}", type: "T" };
    const two = { externalId: "d2", customerId: "c1", name: 'say "hi"\\n', type: "T" };
    const text = `\uFEFF${JSON.stringify(one)}\r\n\n  \r\n${JSON.stringify(two)}`;
    expect(parseDevicesFile(text, "ndjson")).toEqual([one, two]);
    for (const size of [1, 2, 7, 1000])
      expect(await streamed(text, "ndjson", size)).toEqual([one, two]);
  });

  it("reports a bad JSON line with its line number", async () => {
    const good = JSON.stringify({ externalId: "d1" });
    expect(await fileMessage(`${good}\n\n{"externalId":\n`, "ndjson")).toMatch(
      /^malformed NDJSON, line 3: /,
    );
    expect(await fileMessage(`${good}\n[${good}]\n`, "ndjson")).toMatch(
      /^malformed NDJSON, line 2: not a device object/,
    );
    expect(await fileMessage(`[${good},\n${good}]`, "ndjson")).toMatch(/line 1/);
  });

  it("streams JSON arrays and { devices: [...] } in any chunks, with line numbers in errors", async () => {
    const one = { externalId: "d1", customerId: "c1", name: "PC [1], {2}", type: "T" };
    const text = JSON.stringify({ version: 1, devices: [one, one], more: { a: [1] } }, null, 2);
    for (const size of [1, 5, 64]) expect(await streamed(text, "json", size)).toEqual([one, one]);
    expect(await fileMessage('[\n{"a": 1},\n{"a": 1,}\n]', "json")).toMatch(
      /^malformed JSON, line 3: item 2 is not valid JSON/,
    );
    expect(await fileMessage('{"items": []}', "json")).toMatch(/array of devices/);
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

  it("streams CSV in any chunks: quoted line breaks, CRLF and CR line ends, errors by line", async () => {
    const text =
      'externalId,customerId,name,type,notes\r\nd1,c1,"PC ""1""",T,"two\r\nlines"\r\n\r\nd2,c1,PC2,T,\rd3,c1,PC3,T,x';
    const expected = [
      { externalId: "d1", customerId: "c1", name: 'PC "1"', type: "T", notes: "two\r\nlines" },
      { externalId: "d2", customerId: "c1", name: "PC2", type: "T" },
      { externalId: "d3", customerId: "c1", name: "PC3", type: "T", notes: "x" },
    ];
    expect(parseDevicesFile(text, "csv")).toEqual(expected);
    for (const size of [1, 2, 3, 50]) expect(await streamed(text, "csv", size)).toEqual(expected);
    expect(await fileMessage('externalId,name\nd1,x\nd2,"y\nz\nd3,w"q\n', "csv")).toMatch(
      /^malformed CSV, line \d: /,
    );
    expect(await fileMessage("externalId,name\nd1,x\nd2\n", "csv")).toMatch(
      /record 3 has 1 fields/,
    );
    expect(await fileMessage("\n\n", "csv")).toMatch(/header row is required/);
  });

  it.each(["json", "ndjson", "csv"] as const)(
    "reads %s no further ahead than the chunk it is in (the file is never held whole)",
    async (format) => {
      const row = (i: number) => ({ externalId: `d${i}`, customerId: "c1", name: "PC", type: "T" });
      let pulled = 0;
      async function* chunks() {
        yield format === "json" ? "[" : format === "csv" ? "externalId,customerId,name,type\n" : "";
        for (let i = 0; i < 10_000; i++) {
          pulled++;
          const r = row(i);
          if (format === "csv") yield `${r.externalId},${r.customerId},${r.name},${r.type}\n`;
          else yield `${format === "json" && i > 0 ? "," : ""}${JSON.stringify(r)}\n`;
        }
        yield format === "json" ? "]" : "";
      }
      let n = 0;
      for await (const record of readDevicesFile(chunks(), format)) {
        expect(record).toEqual(row(n));
        n++;
        // record n-1 is out once its chunk (and, for a JSON item, the next separator) is in
        expect(pulled).toBeLessThanOrEqual(n + 1);
      }
      expect(n).toBe(10_000);
    },
  );

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
