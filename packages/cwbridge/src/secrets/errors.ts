/**
 * Typed errors of the secrets module. Messages never carry plaintext, key material or tokens.
 */
import { AppError, type ErrorKind } from "../core/app-error.js";

/** Stable error codes of the secrets module. */
export type SecretsErrorCode =
  | "CWB_ERR_SECRETS_KEY_PERMS"
  | "CWB_ERR_SECRETS_KEYRING_INVALID"
  | "CWB_ERR_SECRETS_UNKNOWN_KEY"
  | "CWB_ERR_SECRETS_TOKEN_INVALID"
  | "CWB_ERR_SECRETS_DECRYPT_FAILED";

/** The kind of each code: a bad key file is configuration; a stored secret that fails is damaged data. */
export const SECRETS_ERROR_KINDS = {
  CWB_ERR_SECRETS_KEY_PERMS: "invalid",
  CWB_ERR_SECRETS_KEYRING_INVALID: "invalid",
  CWB_ERR_SECRETS_UNKNOWN_KEY: "internal",
  CWB_ERR_SECRETS_TOKEN_INVALID: "internal",
  CWB_ERR_SECRETS_DECRYPT_FAILED: "internal",
} as const satisfies Record<SecretsErrorCode, ErrorKind>;

/**
 * Base class of every error the secrets module throws.
 *
 * @example
 * try { decryptSecret(keyring, token); }
 * catch (e) { if (e instanceof SecretsError && e.code === "CWB_ERR_SECRETS_UNKNOWN_KEY") warn(); }
 */
export class SecretsError extends AppError<SecretsErrorCode> {
  constructor(code: SecretsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super({ code, kind: SECRETS_ERROR_KINDS[code], message, cause: options.cause });
  }
}
