/**
 * ConnectWise-shaped HTTP errors. Every failure the emulator answers with is an
 * {@link CwHttpError}; the single `onError` turns it into `{code, message, errors}`.
 */

/** One entry of `errors[]` in a 400 `InvalidObject` answer. */
export interface ValidationIssue {
  readonly code: string;
  readonly message: string;
  readonly resource: string;
  readonly field: string;
}

/** The JSON body ConnectWise sends with an error (`ErrorResponseMessage`). */
export interface CwErrorBody {
  readonly code: string;
  readonly message: string;
  readonly errors: readonly ValidationIssue[] | null;
}

/**
 * An error with an HTTP status and a ConnectWise error body.
 *
 * @example
 * throw new CwHttpError(404, "NotFound", "Ticket 7 not found");
 */
export class CwHttpError extends Error {
  override readonly name = "CwHttpError";
  readonly status: number;
  readonly code: string;
  readonly errors: readonly ValidationIssue[] | null;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { errors?: readonly ValidationIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = extra.errors ?? null;
    this.headers = extra.headers ?? {};
  }

  /** The body as ConnectWise shapes it. */
  toBody(): CwErrorBody {
    return { code: this.code, message: this.message, errors: this.errors };
  }
}

/** 400 `InvalidObject` with per-field issues: `"<resource> object is invalid"`. */
export function invalidObject(resource: string, errors: readonly ValidationIssue[]): CwHttpError {
  return new CwHttpError(400, "InvalidObject", `${resource} object is invalid`, { errors });
}

/** One validation issue (helper for terse call sites). */
export function issue(
  code: string,
  resource: string,
  field: string,
  message: string,
): ValidationIssue {
  return { code, message, resource, field };
}

/** 404 for a record that does not exist. */
export function recordNotFound(label: string, id: number | string): CwHttpError {
  return new CwHttpError(404, "NotFound", `${label} recordId: ${String(id)} not found.`);
}

/** 400 for a bad request that is not about one object (bad JSON, bad page). */
export function badRequest(message: string, code = "InvalidObject"): CwHttpError {
  return new CwHttpError(400, code, message);
}

/** 403 `Security`: the member's role lacks the right. */
export function securityError(): CwHttpError {
  return new CwHttpError(
    403,
    "Security",
    "You do not have security permission to perform this action.",
  );
}
