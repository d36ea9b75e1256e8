/**
 * Typed errors of the secrets module. Messages never carry plaintext, key material or tokens.
 */

/** Stable error codes of the secrets module. */
export type SecretsErrorCode =
  | "CWB_ERR_SECRETS_KEY_PERMS"
  | "CWB_ERR_SECRETS_KEYRING_INVALID"
  | "CWB_ERR_SECRETS_UNKNOWN_KEY"
  | "CWB_ERR_SECRETS_TOKEN_INVALID"
  | "CWB_ERR_SECRETS_DECRYPT_FAILED";

/**
 * Base class of every error the secrets module throws.
 *
 * @example
 * try { decryptSecret(keyring, token); }
 * catch (e) { if (e instanceof SecretsError && e.code === "CWB_ERR_SECRETS_UNKNOWN_KEY") warn(); }
 */
export class SecretsError extends Error {
  readonly code: SecretsErrorCode;
  constructor(code: SecretsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}
