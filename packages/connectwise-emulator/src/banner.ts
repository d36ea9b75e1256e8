/**
 * What `cw-emulator` prints on start: human instructions, or one JSON line with `--json`.
 */
import type { EmulatorCredentials } from "./types.js";

/** The one JSON line of `--json`. */
export function credentialsLine(credentials: EmulatorCredentials): string {
  const { url, codebase, companyId, publicKey, privateKey, clientId } = credentials;
  return JSON.stringify({ url, codebase, companyId, publicKey, privateKey, clientId });
}

/**
 * Human instructions with a ready-to-paste curl command.
 *
 * @example
 * console.log(banner(emulator.credentials, { insecure: false }));
 */
export function banner(
  credentials: EmulatorCredentials,
  options: { readonly insecure: boolean; readonly added?: readonly string[] },
): string {
  const added = options.added ?? [];
  const { url, codebase, companyId, publicKey, privateKey, clientId } = credentials;
  const basic = Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString("base64");
  const curl = [
    `curl${options.insecure ? " -k" : ""} -s`,
    `  -H 'Authorization: Basic ${basic}'`,
    `  -H 'clientId: ${clientId}'`,
    `  '${url}/${codebase}apis/3.0/system/info'`,
  ].join(" \\\n");
  return [
    `ConnectWise PSA emulator listening on ${url}`,
    "",
    `  site (origin)   ${url}`,
    `  codebase        ${codebase}   (any codebase segment is served, e.g. v4_6_release/)`,
    `  company id      ${companyId}`,
    `  public key      ${publicKey}`,
    `  private key     ${privateKey}   (shown because this is a local test emulator with fixed demo keys)`,
    `  clientId        ${clientId}`,
    ...(added.length > 0
      ? ["", "Your API members (same company id and clientId):", ...added.map((a) => `  ${a}`)]
      : []),
    "",
    "Try it:",
    curl,
    "",
    "Press Ctrl+C to stop.",
  ].join("\n");
}
