/**
 * Device files (the CLI's `push devices --file`): a JSON array or `{ "devices": [...] }`, or a
 * CSV with a header row naming the device fields (case-insensitive). Yields raw records;
 * `pushDevices` validates them (all or nothing).
 */
import { CsvSyntaxError, readCsv } from "./csv.js";
import { DEVICE_FIELDS } from "./device-schema.js";
import { DeviceError } from "./errors.js";

/** Supported file formats. */
export type DevicesFileFormat = "json" | "csv";

function fileError(message: string, cause?: unknown): DeviceError {
  return new DeviceError(
    "CWB_ERR_DEVICE_FILE_INVALID",
    message,
    cause === undefined ? {} : { cause },
  );
}

function jsonRecords(text: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw fileError(`not valid JSON: ${(error as Error).message}`, error);
  }
  if (Array.isArray(value)) return value;
  if (typeof value === "object" && value !== null && "devices" in value) {
    const devices = value.devices;
    if (Array.isArray(devices)) return devices;
  }
  throw fileError('JSON must be an array of devices or { "devices": [...] }');
}

function headerFields(header: readonly string[]): string[] {
  const byLower = new Map(DEVICE_FIELDS.map((f) => [f.toLowerCase(), f]));
  const seen = new Set<string>();
  return header.map((raw, column) => {
    const field = byLower.get(raw.trim().toLowerCase());
    if (field === undefined) {
      throw fileError(
        `CSV header column ${column + 1} "${raw}" is not a device field (${DEVICE_FIELDS.join(", ")})`,
      );
    }
    if (seen.has(field)) throw fileError(`CSV header names "${field}" twice`);
    seen.add(field);
    return field;
  });
}

function* csvRecords(text: string): Generator<Record<string, string>, void, undefined> {
  try {
    const rows = readCsv(text);
    const first = rows.next();
    if (first.done === true) throw fileError("CSV is empty (a header row is required)");
    const fields = headerFields(first.value);
    let line = 1;
    for (const row of rows) {
      line++;
      if (row.length !== fields.length) {
        throw fileError(
          `CSV record ${line} has ${row.length} fields, the header has ${fields.length}`,
        );
      }
      const record: Record<string, string> = {};
      fields.forEach((field, i) => {
        const value = row[i] ?? "";
        if (value !== "") record[field] = value;
      });
      yield record;
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw fileError(`malformed CSV, ${error.message}`, error);
    throw error;
  }
}

/**
 * The raw device records of a file, one at a time (CSV is parsed lazily).
 *
 * @example
 * await pushDevices(ctx, sourceId, iterateDevicesFile(text, "csv"), { mode: "snapshot" });
 */
export function iterateDevicesFile(text: string, format: DevicesFileFormat): Iterable<unknown> {
  return format === "json" ? jsonRecords(text) : csvRecords(text);
}

/**
 * The raw device records of a file as an array (syntax errors throw
 * `CWB_ERR_DEVICE_FILE_INVALID`; field validation is `pushDevices`'s job).
 *
 * @example
 * parseDevicesFile('externalId,customerId,name,type\nd1,c1,PC-01,Managed Workstation\n', "csv")
 * // [{ externalId: "d1", customerId: "c1", name: "PC-01", type: "Managed Workstation" }]
 */
export function parseDevicesFile(text: string, format: DevicesFileFormat): unknown[] {
  return [...iterateDevicesFile(text, format)];
}
