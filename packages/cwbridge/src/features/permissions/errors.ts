/**
 * Typed errors of the permissions service.
 */
import { AppError, type ErrorKind } from "../../core/app-error.js";

/** Stable error codes of the permissions service. */
export type PermissionsErrorCode = "CWB_ERR_PERMISSIONS_INVALID" | "CWB_ERR_PERMISSIONS_UNREADABLE";

/** The kind of each code: an unknown feature name is bad input; an unreadable role is ConnectWise's. */
export const PERMISSIONS_ERROR_KINDS = {
  CWB_ERR_PERMISSIONS_INVALID: "invalid",
  CWB_ERR_PERMISSIONS_UNREADABLE: "upstream",
} as const satisfies Record<PermissionsErrorCode, ErrorKind>;

/**
 * A permissions-service error.
 *
 * @example
 * try { await checkPermissions(ctx, id, { features: ["nope"] }); }
 * catch (e) { if (e instanceof PermissionsError) console.error(e.message); }
 */
export class PermissionsError extends AppError<PermissionsErrorCode> {
  constructor(code: PermissionsErrorCode, message: string, options: { cause?: unknown } = {}) {
    super({ code, kind: PERMISSIONS_ERROR_KINDS[code], message, cause: options.cause });
  }
}
