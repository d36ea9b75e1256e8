/**
 * Typed errors of the pure domain. Thrown only for programming errors (an invalid state
 * transition); expected outcomes are `Result`s or discriminated unions.
 */

/** Stable error codes of the domain. */
export type DomainErrorCode = "CWB_ERR_INCIDENT_TRANSITION";

/**
 * Base class of every error the domain throws.
 *
 * @example
 * try { assertIncidentTransition(from, to); }
 * catch (e) { if (e instanceof DomainError) console.log(e.code); } // CWB_ERR_INCIDENT_TRANSITION
 */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  constructor(code: DomainErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}
