/**
 * Typed errors of the permissions service.
 */

/** Stable error codes of the permissions service. */
export type PermissionsErrorCode = "CWB_ERR_PERMISSIONS_INVALID" | "CWB_ERR_PERMISSIONS_UNREADABLE";

/**
 * A permissions-service error.
 *
 * @example
 * try { await checkPermissions(ctx, id, { features: ["nope"] }); }
 * catch (e) { if (e instanceof PermissionsError) console.error(e.message); }
 */
export class PermissionsError extends Error {
  readonly code: PermissionsErrorCode;
  constructor(code: PermissionsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "PermissionsError";
    this.code = code;
  }
}
