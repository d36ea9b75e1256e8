/**
 * Optional runtime validation of responses. The facades never import zod: they call a
 * `ResponseValidator` you pass in (for example `createValidator()` from
 * `@cwbridge/connectwise/schemas`), and by default return the data as received.
 */

/** The schema names (ConnectWise component names) the facades validate against. */
export type ResourceSchemaName =
  | "Info"
  | "MyMember"
  | "MySecurity"
  | "MySecurityCustomizeItem"
  | "Member"
  | "ApiMember"
  | "SecurityRole"
  | "SecurityRoleSetting"
  | "CallbackEntry"
  | "Company"
  | "CompanyType"
  | "CompanyStatus"
  | "CompanySite"
  | "Contact"
  | "CompanyConfiguration"
  | "ConfigurationType"
  | "ConfigurationStatus"
  | "Board"
  | "BoardStatus"
  | "BoardType"
  | "BoardSubType"
  | "BoardItem"
  | "Priority"
  | "Severity"
  | "Impact"
  | "Ticket"
  | "ServiceNote"
  | "ConfigurationReference"
  | "TimeEntry"
  | "Agreement"
  | "Addition"
  | "CatalogItem";

/**
 * Checks (and may normalise) one response entity; throws to reject it.
 * Called once per entity (each row of a list).
 */
export type ResponseValidator = (schemaName: ResourceSchemaName, data: unknown) => unknown;

/** Options of `createResources`. */
export interface ResourceOptions {
  /** Response validation hook; default: none (data is returned as received). */
  readonly validate?: ResponseValidator;
}

/**
 * The validator used when none is given: returns the data unchanged.
 *
 * @example
 * passThrough("Ticket", { id: 1 }); // → { id: 1 }
 */
export const passThrough: ResponseValidator = (_schemaName, data) => data;
