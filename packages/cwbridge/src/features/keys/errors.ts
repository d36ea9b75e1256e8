/**
 * Typed errors of the keys service.
 */
import { AppError, type ErrorKind } from "../../core/app-error.js";

/** Stable error codes of the keys service. */
export type KeysErrorCode = "CWB_ERR_KEYS_ROTATION_FAILED";

/** The kind of each code (one meaning: a rotation that failed and was rolled back). */
export const KEYS_ERROR_KINDS = {
  CWB_ERR_KEYS_ROTATION_FAILED: "internal",
} as const satisfies Record<KeysErrorCode, ErrorKind>;

/**
 * A keys-service error; messages never carry key material or secrets.
 *
 * @example
 * try { await rotateKeys(ctx); } catch (e) { if (e instanceof KeysError) console.error(e.message); }
 */
export class KeysError extends AppError<KeysErrorCode> {
  constructor(code: KeysErrorCode, message: string, options: { cause?: unknown } = {}) {
    super({ code, kind: KEYS_ERROR_KINDS[code], message, cause: options.cause });
  }
}
