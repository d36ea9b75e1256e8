/**
 * The process edges a command may touch, injected so tests call commands directly:
 * `stdout` (results only), `stderr` (progress, logs, human errors), `stdin` (private keys,
 * interactive `init`) and `env` (the environment `loadConfig` reads).
 */
import type { Readable } from "node:stream";
import { decodeUtf8, Utf8Error } from "../domain/utf8.js";
import { CliError } from "./cli-error.js";

/** A writable text stream (a TTY or a capture buffer). */
export interface TextOut {
  write(chunk: string): boolean;
  readonly isTTY?: boolean;
}

/** A readable text stream. */
export type TextIn = Readable & { readonly isTTY?: boolean };

/** What every command receives from the process. */
export interface CliIo {
  readonly stdout: TextOut;
  readonly stderr: TextOut;
  readonly stdin: TextIn;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on SIGINT/SIGTERM: long-running commands (worker, emulator, follow) stop then. */
  readonly signal?: AbortSignal;
}

/**
 * The real process streams.
 *
 * @example
 * const io = processIo(); io.stdout.write("hi\n");
 */
export function processIo(signal?: AbortSignal): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    ...(signal === undefined ? {} : { signal }),
  };
}

/**
 * Reads all of stdin as text (for `--private-key-stdin`, `--file -`); bytes that are not UTF-8
 * are `CWB_ERR_CLI_FILE` (exit 2) naming the line.
 *
 * @example
 * const key = (await readAll(io.stdin)).trim();
 */
export async function readAll(stream: TextIn): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return strictText(Buffer.concat(chunks), "stdin");
}

/**
 * The text of input bytes (`what`: the file, for the message); bytes that are not UTF-8 are
 * `CWB_ERR_CLI_FILE` naming the line (never replaced by U+FFFD; the message holds no content).
 *
 * @example
 * strictText(await readFile("key.txt"), "key.txt")
 */
export function strictText(bytes: Uint8Array, what: string): string {
  try {
    return decodeUtf8(bytes);
  } catch (error) {
    if (!(error instanceof Utf8Error)) throw error;
    throw new CliError("CWB_ERR_CLI_FILE", `${what} is not UTF-8 text: ${error.message}`);
  }
}
