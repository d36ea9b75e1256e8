/**
 * Typed errors of the customers service (customers, companies, mappings).
 */
import { AppError, type AppIssue, type ErrorKind } from "../../core/app-error.js";

/** Stable error codes of the customers service. */
export type CustomerErrorCode =
  | "CWB_ERR_CUSTOMER_INVALID"
  | "CWB_ERR_CUSTOMER_NOT_FOUND"
  | "CWB_ERR_MAPPING_INVALID"
  | "CWB_ERR_MAPPING_COMPANY_NOT_FOUND"
  | "CWB_ERR_MAPPING_COMPANY_AMBIGUOUS"
  | "CWB_ERR_MAPPING_SITE_NOT_FOUND";

/** The kind of each code. */
export const CUSTOMER_ERROR_KINDS = {
  CWB_ERR_CUSTOMER_INVALID: "invalid",
  CWB_ERR_CUSTOMER_NOT_FOUND: "not_found",
  CWB_ERR_MAPPING_INVALID: "invalid",
  CWB_ERR_MAPPING_COMPANY_NOT_FOUND: "not_found",
  CWB_ERR_MAPPING_COMPANY_AMBIGUOUS: "conflict",
  CWB_ERR_MAPPING_SITE_NOT_FOUND: "not_found",
} as const satisfies Record<CustomerErrorCode, ErrorKind>;

/**
 * An error of the customers service.
 *
 * @example
 * try { await mapCustomer(ctx, sourceId, "c1", { companyIdentifier: "Nope" }); }
 * catch (e) { if (e instanceof CustomerError) console.log(e.code); } // CWB_ERR_MAPPING_COMPANY_NOT_FOUND
 */
export class CustomerError extends AppError<CustomerErrorCode> {
  constructor(
    code: CustomerErrorCode,
    message: string,
    options: { issues?: readonly AppIssue[]; cause?: unknown } = {},
  ) {
    super({ code, kind: CUSTOMER_ERROR_KINDS[code], message, ...options });
  }
}
