/**
 * Typed errors of the customers service (customers, companies, mappings).
 */

/** Stable error codes of the customers service. */
export type CustomerErrorCode =
  | "CWB_ERR_CUSTOMER_INVALID"
  | "CWB_ERR_CUSTOMER_NOT_FOUND"
  | "CWB_ERR_MAPPING_INVALID"
  | "CWB_ERR_MAPPING_COMPANY_NOT_FOUND"
  | "CWB_ERR_MAPPING_SITE_NOT_FOUND";

/**
 * An error of the customers service.
 *
 * @example
 * try { await mapCustomer(ctx, sourceId, "c1", { companyIdentifier: "Nope" }); }
 * catch (e) { if (e instanceof CustomerError) console.log(e.code); } // CWB_ERR_MAPPING_COMPANY_NOT_FOUND
 */
export class CustomerError extends Error {
  readonly code: CustomerErrorCode;
  constructor(code: CustomerErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CustomerError";
    this.code = code;
  }
}
