/**
 * Encryption of a connection's secrets (private key and clientId) with AES-256-GCM envelope
 * tokens; the additional authenticated data binds each token to its connection and field, so
 * a token cannot be moved to another row or column.
 */
import { decryptSecret, encryptSecret, type Keyring } from "../secrets/index.js";

/** The encrypted fields of a connection row. */
export type ConnectionSecretField = "privateKey" | "clientId";

/**
 * The AAD of a connection secret.
 *
 * @example
 * secretAad("c1", "privateKey"); // "connection:c1:privateKey"
 */
export function secretAad(connectionId: string, field: ConnectionSecretField): string {
  return `connection:${connectionId}:${field}`;
}

/**
 * Encrypts a connection secret under the active key.
 *
 * @example
 * row.private_key_enc = sealConnectionSecret(keyring, id, "privateKey", input.privateKey);
 */
export function sealConnectionSecret(
  keyring: Keyring,
  connectionId: string,
  field: ConnectionSecretField,
  plaintext: string,
): string {
  return encryptSecret(keyring, plaintext, secretAad(connectionId, field));
}

/**
 * Decrypts a connection secret (throws the secrets module's typed errors).
 *
 * @example
 * const privateKey = openConnectionSecret(keyring, row.id, "privateKey", row.private_key_enc);
 */
export function openConnectionSecret(
  keyring: Keyring,
  connectionId: string,
  field: ConnectionSecretField,
  token: string,
): string {
  return decryptSecret(keyring, token, secretAad(connectionId, field));
}
