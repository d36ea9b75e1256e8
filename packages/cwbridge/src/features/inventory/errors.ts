/**
 * Typed errors of the inventory feature (members and contacts read into the store).
 */
import { AppError, type AppIssue, type ErrorKind } from "../../core/app-error.js";

/** Stable error codes of the inventory feature. */
export type InventoryErrorCode = "CWB_ERR_INVENTORY_INVALID" | "CWB_ERR_INVENTORY_NOT_FOUND";

/** The kind of each code. */
export const INVENTORY_ERROR_KINDS = {
  CWB_ERR_INVENTORY_INVALID: "invalid",
  CWB_ERR_INVENTORY_NOT_FOUND: "not_found",
} as const satisfies Record<InventoryErrorCode, ErrorKind>;

/**
 * An error of the inventory feature.
 *
 * @example
 * try { await callUseCase(ctx, inventoryFeature.useCases.contacts, { limit: 0 }); }
 * catch (e) { if (e instanceof InventoryError) console.log(e.code); } // CWB_ERR_INVENTORY_INVALID
 */
export class InventoryError extends AppError<InventoryErrorCode> {
  constructor(
    code: InventoryErrorCode,
    message: string,
    options: { issues?: readonly AppIssue[]; cause?: unknown } = {},
  ) {
    super({ code, kind: INVENTORY_ERROR_KINDS[code], message, ...options });
  }
}
