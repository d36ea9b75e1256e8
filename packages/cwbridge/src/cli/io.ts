/**
 * The process edges a command may touch, injected so tests call commands directly:
 * `stdout` (results only), `stderr` (progress, logs, human errors), `stdin` (private keys,
 * interactive `init`) and `env` (the environment `loadConfig` reads).
 */
import type { Readable } from "node:stream";

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
 * Reads all of stdin as text (for `--private-key-stdin`, `--file -`).
 *
 * @example
 * const key = (await readAll(io.stdin)).trim();
 */
export async function readAll(stream: TextIn): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString("utf8");
}
