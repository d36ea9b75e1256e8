/**
 * Typed errors of the ConnectWise client (stripe-node style): one base class with a stable
 * string `code`, one subclass per failure category. Request details are redacted when the
 * error is built, so any error can be logged, serialised or shown as is.
 */
import type { HttpMethod } from "./types.js";

/** Stable error codes, one per class. */
export type ConnectWiseErrorCode =
  | "CW_CONFIG"
  | "CW_AUTH"
  | "CW_UNKNOWN_COMPANY"
  | "CW_PERMISSION"
  | "CW_NOT_FOUND"
  | "CW_VALIDATION"
  | "CW_REQUEST"
  | "CW_RATE_LIMITED"
  | "CW_SERVER"
  | "CW_TIMEOUT"
  | "CW_CONNECTION"
  | "CW_OUTCOME_UNKNOWN"
  | "CW_ABORTED"
  | "CW_PAGINATION";

/** One entry of ConnectWise's `errors[]` (schema `ValidationError`). */
export interface ConnectWiseFieldError {
  readonly code?: string;
  readonly message?: string;
  readonly resource?: string;
  readonly field?: string;
  readonly details?: unknown;
}

/** The request an error belongs to, with nothing secret in it. */
export interface RedactedRequest {
  readonly method: HttpMethod;
  readonly url: string;
}

/** Constructor input shared by every error class. */
export interface ConnectWiseErrorInit {
  readonly message: string;
  readonly request?: RedactedRequest;
  readonly status?: number;
  readonly cwCode?: string;
  readonly errors?: readonly ConnectWiseFieldError[];
  readonly requestId?: string;
  readonly cause?: unknown;
}

/**
 * Base class of every error the client throws.
 *
 * @example
 * try { await cw.request("GET", "/service/tickets/1"); }
 * catch (e) { if (e instanceof ConnectWiseError) console.log(e.code, e.status, e.requestId); }
 */
export class ConnectWiseError extends Error {
  readonly code: ConnectWiseErrorCode;
  declare readonly status?: number;
  /** The `code` of ConnectWise's error body, e.g. `InvalidObject`, `Security`. */
  declare readonly cwCode?: string;
  /** ConnectWise's `errors[]` (field-level validation errors). */
  declare readonly errors?: readonly ConnectWiseFieldError[];
  /** The `x-cw-request-id` response header. */
  declare readonly requestId?: string;
  declare readonly request?: RedactedRequest;

  constructor(code: ConnectWiseErrorCode, init: ConnectWiseErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.code = code;
    if (init.status !== undefined) this.status = init.status;
    if (init.cwCode !== undefined) this.cwCode = init.cwCode;
    if (init.errors !== undefined) this.errors = init.errors;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.request !== undefined) this.request = init.request;
  }

  /** A plain, secret-free view of the error (used by `JSON.stringify`). */
  toJSON(): Record<string, unknown> {
    const { name, code, message, status, cwCode, errors, requestId, request } = this;
    return { name, code, message, status, cwCode, errors, requestId, request };
  }
}

/** Invalid client options; thrown at construction. */
export class ConnectWiseConfigError extends ConnectWiseError {
  constructor(message: string) {
    super("CW_CONFIG", { message });
  }
}

/** 401: wrong keys, wrong company, or missing/unknown clientId. */
export class ConnectWiseAuthError extends ConnectWiseError {
  constructor(init: ConnectWiseErrorInit) {
    super("CW_AUTH", init);
  }
}

/** `companyinfo/{companyId}` answered `null`: no such ConnectWise company on this site. */
export class ConnectWiseUnknownCompanyError extends ConnectWiseError {
  constructor(init: ConnectWiseErrorInit) {
    super("CW_UNKNOWN_COMPANY", init);
  }
}

/** 403: the API member's security role lacks the right (`code: "Security"`). */
export class ConnectWisePermissionError extends ConnectWiseError {
  constructor(init: ConnectWiseErrorInit) {
    super("CW_PERMISSION", init);
  }
}

/** 404: no such record or URL (after one codebase re-discovery). */
export class ConnectWiseNotFoundError extends ConnectWiseError {
  constructor(init: ConnectWiseErrorInit) {
    super("CW_NOT_FOUND", init);
  }
}

/** 400: the body or query was rejected; see `errors[]` for the fields. */
export class ConnectWiseValidationError extends ConnectWiseError {
  constructor(init: ConnectWiseErrorInit) {
    super("CW_VALIDATION", init);
  }
}

/** Any other 4xx (405, 408, 409, 415, 422...). */
export class ConnectWiseRequestError extends ConnectWiseError {
  constructor(init: ConnectWiseErrorInit) {
    super("CW_REQUEST", init);
  }
}

/** 429: throttled. `retryAfterMs` is the server's wait hint, when it gave one. */
export class ConnectWiseRateLimitError extends ConnectWiseError {
  declare readonly retryAfterMs?: number;

  constructor(init: ConnectWiseErrorInit & { readonly retryAfterMs?: number }) {
    super("CW_RATE_LIMITED", init);
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/**
 * 5xx. `isTimeout` is true for 504 and for ConnectWise's "timeout" / connection-pool 500s
 * (transient, and a saturation signal). `isPermanent` is true for 500s that are really a
 * rejected payload ("Error converting value ...").
 */
export class ConnectWiseServerError extends ConnectWiseError {
  readonly isTimeout: boolean;
  readonly isPermanent: boolean;

  constructor(
    init: ConnectWiseErrorInit & { readonly isTimeout: boolean; readonly isPermanent?: boolean },
  ) {
    super("CW_SERVER", init);
    this.isTimeout = init.isTimeout;
    this.isPermanent = init.isPermanent ?? false;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), isTimeout: this.isTimeout, isPermanent: this.isPermanent };
  }
}

/** The client's own timeout fired before the response was complete. */
export class ConnectWiseTimeoutError extends ConnectWiseError {
  constructor(init: ConnectWiseErrorInit) {
    super("CW_TIMEOUT", init);
  }
}

/**
 * The connection failed. `sent` is false when the request provably never reached the server
 * (refused, DNS, TLS certificate), true when it may have (reset, socket closed).
 */
export class ConnectWiseConnectionError extends ConnectWiseError {
  readonly sent: boolean;

  constructor(init: ConnectWiseErrorInit & { readonly sent: boolean }) {
    super("CW_CONNECTION", init);
    this.sent = init.sent;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), sent: this.sent };
  }
}

/**
 * A non-idempotent write (POST, or a PATCH that is not replace-only) failed in a way that
 * may have reached the server: timeout, reset after send, 5xx. It is never re-sent; reconcile
 * (search by your external key) before trying again. `cause` is the underlying error.
 */
export class ConnectWiseOutcomeUnknownError extends ConnectWiseError {
  constructor(init: ConnectWiseErrorInit & { readonly cause: ConnectWiseError }) {
    super("CW_OUTCOME_UNKNOWN", init);
  }
}

/** The caller's `signal` aborted the request. */
export class ConnectWiseAbortError extends ConnectWiseError {
  constructor(init: ConnectWiseErrorInit) {
    super("CW_ABORTED", init);
  }
}

/** The server's paging did not make progress (e.g. forward-only unsupported on the endpoint). */
export class ConnectWisePaginationError extends ConnectWiseError {
  constructor(init: ConnectWiseErrorInit) {
    super("CW_PAGINATION", init);
  }
}
