/**
 * Typed errors of the pure domain. Thrown only for programming errors (an invalid state
 * transition); expected outcomes are `Result`s or discriminated unions.
 */
import { AppError, type ErrorKind } from "../core/app-error.js";

/** Stable error codes of the domain. */
export type DomainErrorCode = "CWB_ERR_INCIDENT_TRANSITION";

/** The kind of each code (one meaning: a programming error). */
export const DOMAIN_ERROR_KINDS = {
  CWB_ERR_INCIDENT_TRANSITION: "internal",
} as const satisfies Record<DomainErrorCode, ErrorKind>;

/**
 * Base class of every error the domain throws.
 *
 * @example
 * try { assertIncidentTransition(from, to); }
 * catch (e) { if (e instanceof DomainError) console.log(e.code); } // CWB_ERR_INCIDENT_TRANSITION
 */
export class DomainError extends AppError<DomainErrorCode> {
  constructor(code: DomainErrorCode, message: string) {
    super({ code, kind: DOMAIN_ERROR_KINDS[code], message });
  }
}
