/**
 * AES-256-GCM encryption of secrets under a keyring, as self-describing tokens:
 * `v1:<keyId>:<iv b64>:<ciphertext b64>:<tag b64>`. The version and key id are bound into the
 * additional authenticated data, so neither can be swapped without detection.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { SecretsError } from "./errors.js";
import { activeKey, type Keyring } from "./keyring.js";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The parts of a token. */
export interface SecretToken {
  readonly keyId: string;
  readonly iv: Buffer;
  readonly ciphertext: Buffer;
  readonly tag: Buffer;
}

/**
 * Encrypts `plaintext` under the keyring's active key. `aad` (e.g. `"connection:42:privateKey"`)
 * binds the token to its row: decrypting with another `aad` fails (an absent `aad` equals `""`).
 *
 * @example
 * const token = encryptSecret(keyring, "s3cret", "connection:42:privateKey");
 * // "v1:k20260102-9f1c2ab0:Jm…:q8…:Zx…"
 */
export function encryptSecret(keyring: Keyring, plaintext: string, aad?: string): string {
  const { id, key } = activeKey(keyring);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aadFor(id, aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [VERSION, id, iv, ciphertext, cipher.getAuthTag()];
  return parts.map((p) => (typeof p === "string" ? p : p.toString("base64"))).join(":");
}

/**
 * Decrypts a token. Throws `CWB_ERR_SECRETS_TOKEN_INVALID` (malformed),
 * `CWB_ERR_SECRETS_UNKNOWN_KEY` (key id not in the keyring) or `CWB_ERR_SECRETS_DECRYPT_FAILED`
 * (tampered token, wrong key or wrong `aad`). Errors never include the token or plaintext.
 *
 * @example
 * decryptSecret(keyring, token, "connection:42:privateKey") // "s3cret"
 */
export function decryptSecret(keyring: Keyring, token: string, aad?: string): string {
  const parts = parseSecretToken(token);
  const key = keyring.keys.get(parts.keyId);
  if (key === undefined) {
    throw new SecretsError(
      "CWB_ERR_SECRETS_UNKNOWN_KEY",
      `secret was encrypted with key '${parts.keyId}', which is not in the keyring (was the master key replaced?)`,
    );
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, parts.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aadFor(parts.keyId, aad));
    decipher.setAuthTag(parts.tag);
    return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretsError(
      "CWB_ERR_SECRETS_DECRYPT_FAILED",
      `secret under key '${parts.keyId}' failed authentication (tampered, or wrong context)`,
    );
  }
}

/**
 * Re-encrypts a token under the keyring's active key (after `rotateKeyring`). A token already
 * under the active key is re-encrypted too (fresh IV); the `aad` stays the same.
 *
 * @example
 * const fresh = reencrypt(rotated, oldToken, "connection:42:privateKey");
 */
export function reencrypt(keyring: Keyring, token: string, aad?: string): string {
  return encryptSecret(keyring, decryptSecret(keyring, token, aad), aad);
}

/**
 * Whether a token is under the keyring's active key (i.e. `reencrypt` is not needed).
 *
 * @example
 * if (!isUnderActiveKey(keyring, row.token)) row.token = reencrypt(keyring, row.token, aad);
 */
export function isUnderActiveKey(keyring: Keyring, token: string): boolean {
  return parseSecretToken(token).keyId === keyring.active;
}

/**
 * Splits a token into its parts; throws `CWB_ERR_SECRETS_TOKEN_INVALID` when malformed.
 *
 * @example
 * parseSecretToken(token).keyId // "k20260102-9f1c2ab0"
 */
export function parseSecretToken(token: string): SecretToken {
  const parts = token.split(":");
  const [version, keyId, iv, ciphertext, tag] = parts;
  if (
    parts.length !== 5 ||
    version !== VERSION ||
    keyId === undefined ||
    keyId === "" ||
    [iv, ciphertext, tag].some((p) => p === undefined || !B64.test(p))
  ) {
    throw invalidToken();
  }
  const decoded = {
    keyId,
    iv: Buffer.from(iv ?? "", "base64"),
    ciphertext: Buffer.from(ciphertext ?? "", "base64"),
    tag: Buffer.from(tag ?? "", "base64"),
  };
  if (decoded.iv.length !== IV_BYTES || decoded.tag.length !== TAG_BYTES) throw invalidToken();
  return decoded;
}

function aadFor(keyId: string, aad: string | undefined): Buffer {
  return Buffer.from(`${VERSION}:${keyId}:${aad ?? ""}`, "utf8");
}

function invalidToken(): SecretsError {
  return new SecretsError("CWB_ERR_SECRETS_TOKEN_INVALID", "not a cwbridge secret token (v1)");
}
