/**
 * The ONE place where errors of the ConnectWise client (`@cwbridge/connectwise`, codes `CW_*`)
 * get an error kind. The client is another package and knows nothing of cwbridge's error model;
 * this table says, for every code it can raise, what sort of failure it is for cwbridge.
 */
import {
  ConditionsBuildError,
  ConditionsSyntaxError,
  ConnectWiseArgumentError,
  ConnectWiseError,
  type ConditionsBuildErrorCode,
  type ConnectWiseErrorCode,
} from "@cwbridge/connectwise";
import type { ConnectWiseSchemaError } from "@cwbridge/connectwise/schemas";
import type { ErrorKind } from "../core/app-error.js";

/** Every stable code the client raises. */
export type ClientErrorCode =
  | ConnectWiseErrorCode
  | ConditionsBuildErrorCode
  | ConditionsSyntaxError["code"]
  | ConnectWiseArgumentError["code"]
  | ConnectWiseSchemaError["code"];

/** Client code → kind. */
export const CLIENT_ERROR_KINDS = {
  // Raised locally before anything is sent: options, arguments or a query that cannot be built.
  CW_CONFIG: "invalid",
  CW_INVALID_ARGUMENT: "invalid",
  CW_CONDITIONS_INVALID_FIELD: "invalid",
  CW_CONDITIONS_INVALID_VALUE: "invalid",
  CW_CONDITIONS_INVALID_EXPR: "invalid",
  CW_CONDITIONS_SYNTAX: "invalid",
  // ConnectWise has no such record.
  CW_NOT_FOUND: "not_found",
  // ConnectWise refused, failed or could not be reached, or answered something unusable.
  CW_AUTH: "upstream",
  CW_UNKNOWN_COMPANY: "upstream",
  CW_PERMISSION: "upstream",
  CW_VALIDATION: "upstream",
  CW_REQUEST: "upstream",
  CW_RATE_LIMITED: "upstream",
  CW_SERVER: "upstream",
  CW_TIMEOUT: "upstream",
  CW_CONNECTION: "upstream",
  CW_OUTCOME_UNKNOWN: "upstream",
  CW_PAGINATION: "upstream",
  CW_SCHEMA: "upstream",
  // Cancelled by the caller (a first Ctrl-C, a shutdown): the work did not finish.
  CW_ABORTED: "unavailable",
} as const satisfies Record<ClientErrorCode, ErrorKind>;

/**
 * The kind of a client error, or `undefined` when `error` is not one.
 *
 * @example
 * connectWiseErrorKind(new ConnectWiseAuthError({ message: "401" })) // "upstream"
 * connectWiseErrorKind(new Error("x")) // undefined
 */
export function connectWiseErrorKind(error: unknown): ErrorKind | undefined {
  if (
    error instanceof ConnectWiseError ||
    error instanceof ConditionsBuildError ||
    error instanceof ConditionsSyntaxError ||
    error instanceof ConnectWiseArgumentError
  ) {
    return CLIENT_ERROR_KINDS[error.code];
  }
  // Behind the `schemas` subpath (zod), loaded only when response validation is on: matched by
  // its class name so that this module does not load it.
  if (error instanceof Error && error.name === "ConnectWiseSchemaError") {
    return CLIENT_ERROR_KINDS.CW_SCHEMA;
  }
  return undefined;
}
