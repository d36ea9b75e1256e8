/**
 * Reading input files given on the command line (`--file x.json`, `-` = stdin), whole or as a
 * stream of text chunks (never read whole: the devices file of `push devices`). Unreadable or
 * malformed files are usage errors (exit 2): nothing is stored.
 */
import { open, readFile, type FileHandle } from "node:fs/promises";
import { CliError } from "./cli-error.js";
import { readAll, type CliIo } from "./io.js";

/**
 * The text of a file, or of stdin for `-`.
 *
 * @example
 * const text = await readInputFile("devices.csv", io);
 */
export async function readInputFile(path: string, io: CliIo): Promise<string> {
  if (path === "-") return readAll(io.stdin);
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw fileError(path, error);
  }
}

const fileError = (path: string, error: unknown): CliError =>
  new CliError(
    "CWB_ERR_CLI_FILE",
    `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
  );

/**
 * A JSON file's value; malformed JSON is `CWB_ERR_CLI_FILE` (exit 2).
 *
 * @example
 * const customers = await readJsonFile("customers.json", io);
 */
export async function readJsonFile(path: string, io: CliIo): Promise<unknown> {
  const text = await readInputFile(path, io);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(
      "CWB_ERR_CLI_FILE",
      `${path} is not valid JSON: ${(error as Error).message}`,
    );
  }
}

/** An opened input: its text chunks (read once) and `close`. */
export interface InputChunks {
  readonly chunks: AsyncIterable<string>;
  close(): Promise<void>;
}

async function* decode(
  path: string,
  source: AsyncIterable<unknown>,
): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder("utf-8");
  try {
    for await (const chunk of source) {
      const text =
        typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
      if (text !== "") yield text;
    }
  } catch (error) {
    throw fileError(path, error);
  }
  const last = decoder.decode();
  if (last !== "") yield last;
}

/**
 * Opens a file (or stdin for `-`) for reading in chunks.
 *
 * @example
 * const input = await openInputChunks("devices.ndjson", io);
 * try { for await (const text of input.chunks) …; } finally { await input.close(); }
 */
export async function openInputChunks(path: string, io: CliIo): Promise<InputChunks> {
  if (path === "-") return { chunks: decode(path, io.stdin), close: async () => {} };
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw fileError(path, error);
  }
  const stream = handle.createReadStream({ highWaterMark: 1 << 16, autoClose: false });
  return {
    chunks: decode(path, stream),
    close: async () => {
      stream.destroy();
      await handle.close();
    },
  };
}
