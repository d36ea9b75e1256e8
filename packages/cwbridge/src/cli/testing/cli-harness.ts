/**
 * Test-only helpers for the CLI: captured in-process IO (call `runCli` or a command body
 * directly) and spawning the real bin (`node --conditions=source --import tsx bin.ts`).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Readable } from "node:stream";
import type { CliIo, TextIn, TextOut } from "../io.js";

/** A capturing text stream. */
export interface Capture extends TextOut {
  readonly text: () => string;
}

/**
 * A stream that keeps what is written.
 *
 * @example
 * const out = capture(); out.write("x"); out.text() // "x"
 */
export function capture(isTTY = false): Capture {
  const chunks: string[] = [];
  return {
    isTTY,
    write(chunk: string) {
      chunks.push(chunk);
      return true;
    },
    text: () => chunks.join(""),
  };
}

/** Captured IO for an in-process run. */
export interface CapturedIo extends CliIo {
  readonly stdout: Capture;
  readonly stderr: Capture;
}

/**
 * IO with captured stdout/stderr, `stdin` from a string, and `env`.
 *
 * @example
 * const io = captureIo({ stdin: "private-key\n", env: { CWBRIDGE_HOME: dir } });
 */
export function captureIo(
  options: {
    readonly stdin?: string;
    readonly env?: Record<string, string>;
    readonly signal?: AbortSignal;
  } = {},
): CapturedIo {
  const stdin = Readable.from(options.stdin === undefined ? [] : [options.stdin]) as TextIn;
  return {
    stdout: capture(),
    stderr: capture(),
    stdin,
    env: options.env ?? {},
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
}

/** Output of a spawned process. */
export interface Spawned {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const BIN = fileURLToPath(new URL("../bin.ts", import.meta.url));
const MAIN = fileURLToPath(new URL("../../main.ts", import.meta.url));

/**
 * Spawns a TypeScript entry with tsx (source condition) and collects its output.
 *
 * @example
 * const r = await spawnTs(BIN, ["--version"]);
 */
export function spawnTs(
  entry: string,
  args: readonly string[],
  options: {
    readonly stdin?: string;
    readonly env?: Record<string, string>;
    readonly timeoutMs?: number;
  } = {},
): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=source", "--import", "tsx", entry, ...args],
      {
        env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...options.env },
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? "");
  });
}

/**
 * Spawns the `cwbridge` bin.
 *
 * @example
 * const r = await spawnCli(["--data-dir", dir, "--json", "connections", "list"]);
 */
export function spawnCli(
  args: readonly string[],
  options: {
    readonly stdin?: string;
    readonly env?: Record<string, string>;
    readonly timeoutMs?: number;
  } = {},
): Promise<Spawned> {
  return spawnTs(BIN, args, options);
}

/**
 * Spawns `main.ts` (`npm start`).
 *
 * @example
 * const r = await spawnMain(["--once", "--data-dir", dir]);
 */
export function spawnMain(
  args: readonly string[],
  options: { readonly env?: Record<string, string>; readonly timeoutMs?: number } = {},
): Promise<Spawned> {
  return spawnTs(MAIN, args, options);
}

/**
 * Parses stdout as exactly ONE JSON document (throws otherwise).
 *
 * @example
 * const doc = oneDocument(r.stdout) as { connections: unknown[] };
 */
export function oneDocument(stdout: string): unknown {
  return JSON.parse(stdout) as unknown;
}

/**
 * The argv of `connections add` for an emulator's demo API member (private key on stdin:
 * pass `credentials.privateKey` as the command's stdin).
 *
 * @example
 * await runCli(addEmulatorConnectionArgs("emu", emulator.credentials), captureIo({ stdin: key }));
 */
export function addEmulatorConnectionArgs(
  name: string,
  c: {
    readonly url: string;
    readonly companyId: string;
    readonly publicKey: string;
    readonly clientId: string;
  },
): string[] {
  return [
    "connections",
    "add",
    "--name",
    name,
    "--site",
    c.url,
    "--allow-on-prem",
    "--allow-insecure",
    "--company",
    c.companyId,
    "--public-key",
    c.publicKey,
    "--private-key-stdin",
    "--client-id",
    c.clientId,
  ];
}
