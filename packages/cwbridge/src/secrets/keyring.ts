/**
 * The keyring: AES-256 master keys by key id, one of them active for new encryptions.
 * Pure in-memory operations; reading and writing the key file lives in `key-file.ts`.
 */
import { createHash, randomBytes } from "node:crypto";
import { SecretsError } from "./errors.js";

/** Length of every master key, in bytes (AES-256). */
export const KEY_BYTES = 32;

/** A set of master keys; `active` encrypts, every key decrypts. Treat as immutable. */
export interface Keyring {
  readonly active: string;
  readonly keys: ReadonlyMap<string, Uint8Array>;
}

/** The JSON form of a keyring, as stored in `master.key` or given in `CWBRIDGE_MASTER_KEY`. */
export interface KeyringJson {
  readonly active: string;
  readonly keys: Readonly<Record<string, string>>;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A fresh key id: `k` + UTC date + 8 random hex chars (sortable, never contains `:`).
 *
 * @example
 * newKeyId(new Date("2026-01-02")) // "k20260102-9f1c2ab0"
 */
export function newKeyId(now: Date = new Date()): string {
  const day = now.toISOString().slice(0, 10).replaceAll("-", "");
  return `k${day}-${randomBytes(4).toString("hex")}`;
}

/**
 * A new keyring holding one random key.
 *
 * @example
 * const keyring = createKeyring(); // { active: "k20260102-…", keys: Map(1) }
 */
export function createKeyring(): Keyring {
  const id = newKeyId();
  return { active: id, keys: new Map([[id, new Uint8Array(randomBytes(KEY_BYTES))]]) };
}

/**
 * Adds a new random key and makes it active; old keys stay for decryption.
 *
 * @example
 * const { keyring: next, keyId } = rotateKeyring(keyring); // next.active === keyId
 */
export function rotateKeyring(keyring: Keyring): { keyring: Keyring; keyId: string } {
  let keyId = newKeyId();
  while (keyring.keys.has(keyId)) keyId = newKeyId();
  const keys = new Map(keyring.keys);
  keys.set(keyId, new Uint8Array(randomBytes(KEY_BYTES)));
  return { keyring: { active: keyId, keys }, keyId };
}

/**
 * The active key, by id.
 *
 * @example
 * const { id, key } = activeKey(keyring);
 */
export function activeKey(keyring: Keyring): { id: string; key: Uint8Array } {
  const key = keyring.keys.get(keyring.active);
  if (key === undefined) throw invalid("the active key id has no key");
  return { id: keyring.active, key };
}

/**
 * Serialises a keyring to its JSON form (base64 keys).
 *
 * @example
 * writeFileSync(path, JSON.stringify(keyringToJson(keyring)), { mode: 0o600 });
 */
export function keyringToJson(keyring: Keyring): KeyringJson {
  const keys: Record<string, string> = {};
  for (const [id, key] of keyring.keys) keys[id] = Buffer.from(key).toString("base64");
  return { active: keyring.active, keys };
}

/**
 * Validates and decodes a parsed keyring JSON value. Throws `CWB_ERR_SECRETS_KEYRING_INVALID`
 * (the message names the problem, never the key material).
 *
 * @example
 * const keyring = keyringFromJson(JSON.parse(text));
 */
export function keyringFromJson(value: unknown): Keyring {
  if (typeof value !== "object" || value === null) throw invalid("not a JSON object");
  const { active, keys } = value as { active?: unknown; keys?: unknown };
  if (typeof active !== "string") throw invalid("'active' must be a key id string");
  if (typeof keys !== "object" || keys === null) throw invalid("'keys' must be an object");
  const map = new Map<string, Uint8Array>();
  for (const [id, encoded] of Object.entries(keys)) {
    if (!KEY_ID.test(id)) throw invalid(`key id '${id.slice(0, 64)}' is not [A-Za-z0-9_-]{1,64}`);
    map.set(id, decodeKey(encoded, `key '${id}'`));
  }
  if (!map.has(active)) throw invalid(`active key '${active.slice(0, 64)}' is not in 'keys'`);
  return { active, keys: map };
}

/**
 * A keyring from an env-provided master key (`CWBRIDGE_MASTER_KEY`): either a keyring JSON
 * document, or one base64 32-byte key whose id is derived from the key itself
 * (`env-<12 hex of SHA-256>`), so a changed key is reported as an unknown key, not as tampering.
 *
 * @example
 * keyringFromMasterKey(randomBytes(32).toString("base64")).active // "env-3fa94c0d12ab"
 */
export function keyringFromMasterKey(value: string): Keyring {
  const trimmed = value.trim();
  if (trimmed.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw invalid("the master key looks like JSON but does not parse");
    }
    return keyringFromJson(parsed);
  }
  const key = decodeKey(trimmed, "the master key");
  const id = `env-${createHash("sha256").update(key).digest("hex").slice(0, 12)}`;
  return { active: id, keys: new Map([[id, key]]) };
}

function decodeKey(encoded: unknown, what: string): Uint8Array {
  if (typeof encoded !== "string" || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) {
    throw invalid(`${what} must be base64`);
  }
  const bytes = Buffer.from(encoded, "base64");
  if (bytes.length !== KEY_BYTES) throw invalid(`${what} must decode to ${KEY_BYTES} bytes`);
  return new Uint8Array(bytes);
}

function invalid(detail: string): SecretsError {
  return new SecretsError("CWB_ERR_SECRETS_KEYRING_INVALID", `invalid keyring: ${detail}`);
}
