/**
 * Typed errors of the keys service.
 */

/** Stable error codes of the keys service. */
export type KeysErrorCode = "CWB_ERR_KEYS_ROTATION_FAILED";

/**
 * A keys-service error; messages never carry key material or secrets.
 *
 * @example
 * try { await rotateKeys(ctx); } catch (e) { if (e instanceof KeysError) console.error(e.message); }
 */
export class KeysError extends Error {
  readonly code: KeysErrorCode;
  constructor(code: KeysErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "KeysError";
    this.code = code;
  }
}
