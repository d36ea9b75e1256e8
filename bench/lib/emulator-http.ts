/** Raw requests to an emulator, as a bare client would send them. */
import type { Emulator } from "@cwbridge/connectwise-emulator";

/** Basic auth + clientId + the versioned Accept header. */
export function authHeaders(emulator: Emulator): Record<string, string> {
  const { companyId, publicKey, privateKey, clientId } = emulator.credentials;
  const basic = Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString("base64");
  return {
    authorization: `Basic ${basic}`,
    clientId,
    accept: "application/vnd.connectwise.com+json; version=2025.16",
  };
}

/** `{origin}/{codebase}apis/3.0{path}`. */
export function apiUrl(emulator: Emulator, origin: string, path: string): string {
  return `${origin}/${emulator.credentials.codebase}apis/3.0${path}`;
}

/** GET and read the body; throws on a non-2xx so a broken setup cannot pass for fast. */
export async function getOk(
  fetchFn: typeof fetch,
  url: string,
  headers: Record<string, string>,
): Promise<string> {
  const response = await fetchFn(url, { headers });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url} → ${response.status}: ${text.slice(0, 200)}`);
  return text;
}
