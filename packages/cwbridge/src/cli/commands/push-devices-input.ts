/**
 * The devices file of `push devices` as a stream of text chunks (never read whole): the file is
 * opened up front (a missing or unreadable file fails before anything starts), then read
 * 64 KiB at a time; `-` is stdin. Read errors are `CWB_ERR_CLI_FILE` (exit 2).
 */
import { open, type FileHandle } from "node:fs/promises";
import { CliError } from "../cli-error.js";
import type { CliIo } from "../io.js";

/** An opened input: its text chunks (read once) and `close`. */
export interface InputChunks {
  readonly chunks: AsyncIterable<string>;
  close(): Promise<void>;
}

const fileError = (path: string, error: unknown): CliError =>
  new CliError(
    "CWB_ERR_CLI_FILE",
    `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
  );

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
