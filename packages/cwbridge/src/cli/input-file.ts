/**
 * Reading input files given on the command line (`--file x.json`, `-` = stdin), whole or as a
 * stream of byte chunks (never read whole: the devices file of `push devices`). Unreadable or
 * malformed files, and bytes that are not UTF-8, are usage errors (exit 2): nothing is stored.
 */
import { open, readFile, type FileHandle } from "node:fs/promises";
import { CliError } from "./cli-error.js";
import { readAll, strictText, type CliIo } from "./io.js";

/**
 * The text of a file, or of stdin for `-`; bytes that are not UTF-8 are `CWB_ERR_CLI_FILE`
 * naming the line.
 *
 * @example
 * const text = await readInputFile("customers.json", io);
 */
export async function readInputFile(path: string, io: CliIo): Promise<string> {
  if (path === "-") return readAll(io.stdin);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw fileError(path, error);
  }
  return strictText(bytes, path);
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

/**
 * An opened input: its chunks (read once; bytes, to be decoded strictly by the reader, or text
 * when stdin was given as text) and `close`.
 */
export interface InputChunks {
  readonly chunks: AsyncIterable<string | Uint8Array>;
  close(): Promise<void>;
}

async function* chunksOf(
  path: string,
  source: AsyncIterable<unknown>,
): AsyncGenerator<string | Uint8Array, void, undefined> {
  try {
    for await (const chunk of source) yield chunk as string | Uint8Array;
  } catch (error) {
    throw fileError(path, error);
  }
}

/**
 * Opens a file (or stdin for `-`) for reading in chunks.
 *
 * @example
 * const input = await openInputChunks("devices.ndjson", io);
 * try { for await (const text of input.chunks) …; } finally { await input.close(); }
 */
export async function openInputChunks(path: string, io: CliIo): Promise<InputChunks> {
  if (path === "-") return { chunks: chunksOf(path, io.stdin), close: async () => {} };
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw fileError(path, error);
  }
  const stream = handle.createReadStream({ highWaterMark: 1 << 16, autoClose: false });
  return {
    chunks: chunksOf(path, stream),
    close: async () => {
      stream.destroy();
      await handle.close();
    },
  };
}
