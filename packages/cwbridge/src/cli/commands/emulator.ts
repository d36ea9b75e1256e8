/**
 * `cwbridge emulator [--port n] [--host h] [--seed demo|empty]`: runs the built-in ConnectWise
 * PSA emulator until Ctrl-C and prints how to connect cwbridge to it. With `--json` it prints
 * the one-line credentials document (like `cw-emulator --json`). The keys are the emulator's
 * fixed demo keys, not secrets.
 */
import { once } from "node:events";
import { createEmulator, type EmulatorCredentials } from "@cwbridge/connectwise-emulator";
import { usageError } from "../cli-error.js";
import { streamed, type CommandResult } from "../command-result.js";
import type { CliSession } from "../session.js";

/** Flags of `emulator`. */
export interface EmulatorOptions {
  readonly port?: string;
  readonly host?: string;
  readonly seed?: string;
}

/**
 * Runs the emulator until the session's signal aborts.
 *
 * @example
 * await emulatorCommand(session, { port: "8080", seed: "demo" });
 */
export async function emulatorCommand(
  session: CliSession,
  options: EmulatorOptions,
): Promise<CommandResult> {
  const seed = options.seed ?? "demo";
  if (seed !== "demo" && seed !== "empty") throw usageError("--seed must be demo or empty");
  const port = options.port === undefined ? 8080 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw usageError("--port must be 0..65535");
  const emulator = createEmulator({ seed, ledgerLimit: 100_000 });
  const server = await emulator.listen({ port, host: options.host ?? "127.0.0.1" });
  const credentials = { ...emulator.credentials, url: server.url };
  if (session.out.json) session.out.stream(credentialsDocument(credentials), "");
  else session.out.stream(null, emulatorBanner(credentials).join("\n"));
  try {
    const signal = session.io.signal;
    if (signal !== undefined && !signal.aborted) await once(signal, "abort");
  } finally {
    await server.close();
    await emulator.close();
  }
  return streamed();
}

/**
 * The credentials as one JSON object (what `cw-emulator --json` prints).
 *
 * @example
 * credentialsDocument(emulator.credentials) // { url, codebase, companyId, publicKey, privateKey, clientId }
 */
export function credentialsDocument(c: EmulatorCredentials): Record<string, string> {
  return {
    url: c.url,
    codebase: c.codebase,
    companyId: c.companyId,
    publicKey: c.publicKey,
    privateKey: c.privateKey,
    clientId: c.clientId,
  };
}

/**
 * Human instructions: where it listens and the `connections add` command for it.
 *
 * @example
 * emulatorBanner(credentials).join("\n")
 */
export function emulatorBanner(c: EmulatorCredentials): string[] {
  return [
    `ConnectWise PSA emulator listening on ${c.url} (fixed demo keys, not secrets)`,
    "",
    "Connect cwbridge to it:",
    `  cwbridge connections add --name emulator --site ${c.url} --allow-on-prem --allow-insecure \\`,
    `    --company ${c.companyId} --public-key ${c.publicKey} --private-key ${c.privateKey} \\`,
    `    --client-id ${c.clientId}`,
    "  cwbridge connections test emulator",
    "",
    "Press Ctrl+C to stop.",
  ];
}
