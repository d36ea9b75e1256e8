/**
 * Device files (the CLI's `push devices --file`): a JSON array or `{ "devices": [...] }`,
 * JSON Lines (one device object per line, blank lines skipped), or a CSV with a header row
 * naming the device fields (case-insensitive). Every format is read incrementally from chunks
 * of text, so only one record (at most {@link MAX_ITEM_CHARS} characters) is held at a time.
 * Yields raw records; syntax errors and bytes that are not UTF-8 throw
 * `CWB_ERR_DEVICE_FILE_INVALID` (with the line); `pushDevices` validates the records (all or
 * nothing).
 */
import { Utf8Error, Utf8StreamDecoder } from "../../domain/utf8.js";
import { CsvSyntaxError, readCsv } from "../../lib/csv.js";
import { DEVICE_FIELDS } from "./device-schema.js";
import { DeviceError } from "./errors.js";
import { JsonItemsError, JsonItemSplitter, MAX_ITEM_CHARS } from "../../lib/json-items.js";

export { MAX_ITEM_CHARS };

/** Supported file formats. */
export type DevicesFileFormat = "json" | "ndjson" | "csv";

/** Turns chunks of a file into records: `push` each chunk, then `end`. */
interface RecordReader {
  push(chunk: string): Iterable<unknown>;
  end(): Iterable<unknown>;
}

function fileError(message: string, cause?: unknown): DeviceError {
  return new DeviceError(
    "CWB_ERR_DEVICE_FILE_INVALID",
    message,
    cause === undefined ? {} : { cause },
  );
}

function jsonReader(): RecordReader {
  const splitter = new JsonItemSplitter("devices");
  const guard = (run: () => unknown[]): unknown[] => {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof JsonItemsError)) throw error;
      throw fileError(error.shape ? error.message : `malformed JSON, ${error.message}`, error);
    }
  };
  return {
    push: (chunk) => guard(() => splitter.push(chunk)),
    end: () =>
      guard(() => {
        splitter.end();
        return [];
      }),
  };
}

/** Splits chunks into lines, each with its line end (`\n`, `\r\n` or `\r`). */
function lineReader(format: string, onLine: (line: string, n: number) => unknown[]): RecordReader {
  let rest = "";
  let n = 0;
  let first = true;
  const lineEnd = /\r\n|\n|\r/g;
  return {
    push(chunk) {
      let text = rest + chunk;
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = text === "";
      const out: unknown[] = [];
      let pos = 0;
      lineEnd.lastIndex = 0;
      for (let m = lineEnd.exec(text); m !== null; m = lineEnd.exec(text)) {
        const end = m.index + m[0].length;
        if (m[0] === "\r" && end === text.length) break; // may be the first half of \r\n
        out.push(...onLine(text.slice(pos, end), ++n));
        pos = end;
      }
      rest = text.slice(pos);
      if (rest.length > MAX_ITEM_CHARS) {
        throw fileError(
          `malformed ${format}, line ${n + 1}: longer than ${MAX_ITEM_CHARS} characters`,
        );
      }
      return out;
    },
    end: () => (rest === "" ? [] : onLine(rest, ++n)),
  };
}

function ndjsonReader(): RecordReader {
  return lineReader("NDJSON", (line, n) => {
    const text = line.trim();
    if (text === "") return [];
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw fileError(`malformed NDJSON, line ${n}: ${(error as Error).message}`, error);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw fileError(`malformed NDJSON, line ${n}: not a device object (one object per line)`);
    }
    return [value];
  });
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

const quotes = (line: string): number => {
  let count = 0;
  for (let i = line.indexOf('"'); i !== -1; i = line.indexOf('"', i + 1)) count++;
  return count;
};

/** CSV records are whole lines, joined while a quoted field is open (an odd count of `"`). */
function csvReader(): RecordReader {
  let fields: string[] | undefined;
  let records = 1;
  let pending = "";
  let open = false;
  let pendingLine = 1;
  const rows = (text: string, line: number): unknown[] => {
    const out: unknown[] = [];
    try {
      for (const row of readCsv(text, line)) {
        if (fields === undefined) {
          fields = headerFields(row);
          continue;
        }
        records++;
        if (row.length !== fields.length) {
          throw fileError(
            `CSV record ${records} has ${row.length} fields, the header has ${fields.length}`,
          );
        }
        const record: Record<string, string> = {};
        fields.forEach((field, i) => {
          const value = row[i] ?? "";
          if (value !== "") record[field] = value;
        });
        // Fresh strings: the cells are slices of the chunk they were read from, and a kept one
        // (the push remembers every externalId) would keep its whole chunk alive.
        out.push(JSON.parse(JSON.stringify(record)));
      }
    } catch (error) {
      if (error instanceof CsvSyntaxError)
        throw fileError(`malformed CSV, ${error.message}`, error);
      throw error;
    }
    return out;
  };
  const lines = lineReader("CSV", (line, n) => {
    if (pending === "") pendingLine = n;
    pending += line;
    if (quotes(line) % 2 === 1) open = !open;
    if (open) {
      if (pending.length <= MAX_ITEM_CHARS) return [];
      throw fileError(
        `malformed CSV, line ${pendingLine}: a record longer than ${MAX_ITEM_CHARS} characters (an unclosed quote?)`,
      );
    }
    const text = pending;
    pending = "";
    return rows(text, pendingLine);
  });
  return {
    push: (chunk) => lines.push(chunk),
    end() {
      const out = [...lines.end()];
      if (pending !== "") out.push(...rows(pending, pendingLine));
      if (fields === undefined) throw fileError("CSV is empty (a header row is required)");
      return out;
    },
  };
}

function recordReader(format: DevicesFileFormat): RecordReader {
  if (format === "json") return jsonReader();
  return format === "ndjson" ? ndjsonReader() : csvReader();
}

const TEXT_SLICE = 1 << 16;

/**
 * The raw device records of a file's text, one at a time (parsed lazily, 64 KiB at a time).
 *
 * @example
 * await pushDevices(ctx, sourceId, iterateDevicesFile(text, "csv"), { mode: "snapshot" });
 */
export function* iterateDevicesFile(
  text: string,
  format: DevicesFileFormat,
): Generator<unknown, void, undefined> {
  const reader = recordReader(format);
  for (let i = 0; i < text.length; i += TEXT_SLICE) {
    yield* reader.push(text.slice(i, i + TEXT_SLICE));
  }
  yield* reader.end();
}

const FORMAT_NAMES: Readonly<Record<DevicesFileFormat, string>> = {
  json: "JSON",
  ndjson: "NDJSON",
  csv: "CSV",
};

/** Text of byte chunks decoded strictly (text chunks pass as they are). */
async function* decoded(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  format: DevicesFileFormat,
): AsyncGenerator<string, void, undefined> {
  const decoder = new Utf8StreamDecoder();
  const guard = (run: () => string): string => {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof Utf8Error)) throw error;
      throw fileError(`malformed ${FORMAT_NAMES[format]}, ${error.message}`, error);
    }
  };
  for await (const chunk of chunks) {
    const text = typeof chunk === "string" ? chunk : guard(() => decoder.push(chunk));
    if (text !== "") yield text;
  }
  const last = guard(() => decoder.end());
  if (last !== "") yield last;
}

/**
 * The raw device records of a file read as a stream of chunks — bytes (decoded as UTF-8;
 * invalid bytes are `CWB_ERR_DEVICE_FILE_INVALID` naming their line, never replaced) or text —
 * one at a time: memory stays bounded whatever the file's size.
 *
 * @example
 * const records = readDevicesFile(createReadStream("devices.ndjson"), "ndjson");
 * await pushDevices(ctx, sourceId, records, { mode: "snapshot" });
 */
export async function* readDevicesFile(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  format: DevicesFileFormat,
): AsyncGenerator<unknown, void, undefined> {
  const reader = recordReader(format);
  for await (const text of decoded(chunks, format)) yield* reader.push(text);
  yield* reader.end();
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
