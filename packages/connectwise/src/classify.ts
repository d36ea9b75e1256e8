/**
 * The one place that turns an HTTP status + ConnectWise body, or a transport failure, into a
 * typed error. Non-idempotent writes that may have reached the server become
 * `ConnectWiseOutcomeUnknownError` here, so no layer above can re-send them by mistake.
 */
import { redactError, redactText } from "./auth.js";
import {
  ConnectWiseAbortError,
  ConnectWiseAuthError,
  ConnectWiseConnectionError,
  ConnectWiseError,
  ConnectWiseNotFoundError,
  ConnectWiseOutcomeUnknownError,
  ConnectWisePermissionError,
  ConnectWiseRateLimitError,
  ConnectWiseRequestError,
  ConnectWiseServerError,
  ConnectWiseTimeoutError,
  ConnectWiseValidationError,
  type ConnectWiseErrorInit,
  type ConnectWiseFieldError,
  type RedactedRequest,
} from "./errors.js";
import { isReplaceOnly, type PatchOperation } from "./patch.js";
import { parseRetryAfter } from "./retry-after.js";
import type { HttpMethod } from "./types.js";

/** ConnectWise 500 bodies that mean "timed out / saturated, try later". */
const TIMEOUT_BODY = /time ?out|timed out|max pool size|connection from the pool/i;
/** ConnectWise 500 bodies that are really a rejected payload. */
const PERMANENT_BODY = /error converting value|could not convert/i;

/** Error codes (Node / undici) meaning the request never left this machine. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "EAI_FAIL",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/**
 * Whether re-sending the request cannot create a second effect: GET, PUT, DELETE, and a PATCH
 * whose body is made only of `replace` operations.
 *
 * @example
 * isIdempotentRequest("PATCH", [{ op: "replace", path: "summary", value: "x" }]); // true
 * isIdempotentRequest("POST", {}); // false
 */
export function isIdempotentRequest(method: HttpMethod, body?: unknown): boolean {
  if (method === "POST") return false;
  if (method !== "PATCH") return true;
  return Array.isArray(body) && body.every(isPatchOperation) && isReplaceOnly(body);
}

function isPatchOperation(value: unknown): value is PatchOperation {
  return typeof value === "object" && value !== null && "op" in value && "path" in value;
}

/** Input of `classifyResponse`. */
export interface ResponseFacts {
  readonly request: RedactedRequest;
  /** True when re-sending cannot duplicate an effect (see `isIdempotentRequest`). */
  readonly idempotent: boolean;
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON body, or the raw text when it was not JSON. */
  readonly body: unknown;
  /** Clock for HTTP-date `Retry-After` (default `Date.now()`). */
  readonly now?: number;
  /** Values to mask if the server echoes them (keys, clientId, Authorization). */
  readonly secrets?: readonly string[];
}

/**
 * The typed error for a non-2xx response.
 *
 * @example
 * classifyResponse({ request, idempotent: true, status: 403, headers: new Headers(),
 *   body: { code: "Security", message: "No access" } }); // ConnectWisePermissionError
 */
export function classifyResponse(facts: ResponseFacts): ConnectWiseError {
  const init = responseInit(facts);
  const { status } = facts;
  if (status === 400) return new ConnectWiseValidationError(init);
  if (status === 401) return new ConnectWiseAuthError(init);
  if (status === 403) return new ConnectWisePermissionError(init);
  if (status === 404) return new ConnectWiseNotFoundError(init);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter({
      header: facts.headers.get("retry-after"),
      body: facts.body,
      ...(facts.now === undefined ? {} : { now: facts.now }),
    });
    return new ConnectWiseRateLimitError(
      retryAfterMs === undefined ? init : { ...init, retryAfterMs },
    );
  }
  if (status < 500) return new ConnectWiseRequestError(init);
  const text = bodyMessage(facts.body) ?? "";
  const server = new ConnectWiseServerError({
    ...init,
    isTimeout: status === 504 || TIMEOUT_BODY.test(text),
    isPermanent: status === 500 && PERMANENT_BODY.test(text),
  });
  return facts.idempotent || server.isPermanent ? server : outcomeUnknown(server);
}

/** Input of `classifyFailure`. */
export interface FailureFacts {
  readonly request: RedactedRequest;
  readonly idempotent: boolean;
  /** What `fetch` (or reading the body) threw. */
  readonly cause: unknown;
  /** The client's own timeout fired. */
  readonly timedOut: boolean;
  /** The caller's signal fired. */
  readonly aborted: boolean;
  /** Values to mask if the transport error quotes them. */
  readonly secrets?: readonly string[];
}

/**
 * The typed error for a request that got no (complete) response.
 *
 * @example
 * classifyFailure({ request, idempotent: false, timedOut: false, aborted: false,
 *   cause: new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }) });
 * // ConnectWiseConnectionError { sent: false } (safe to retry even for a POST)
 */
export function classifyFailure(facts: FailureFacts): ConnectWiseError {
  const { request } = facts;
  const cause = redactError(facts.cause, facts.secrets ?? []);
  const where = `${request.method} ${pathOf(request.url)}`;
  if (cause instanceof ConnectWiseError) return cause;
  if (facts.aborted) {
    return new ConnectWiseAbortError({
      message: `${where}: aborted by the caller`,
      request,
      cause,
    });
  }
  if (facts.timedOut) {
    const timeout = new ConnectWiseTimeoutError({ message: `${where}: timed out`, request, cause });
    return facts.idempotent ? timeout : outcomeUnknown(timeout);
  }
  const code = findErrorCode(cause);
  const sent = code === undefined || !NOT_SENT_CODES.has(code);
  const connection = new ConnectWiseConnectionError({
    message: `${where}: connection failed (${code ?? describe(cause)})`,
    request,
    cause,
    sent,
  });
  return facts.idempotent || !sent ? connection : outcomeUnknown(connection);
}

function outcomeUnknown(cause: ConnectWiseError): ConnectWiseOutcomeUnknownError {
  const init: ConnectWiseErrorInit & { cause: ConnectWiseError } = {
    message: `${cause.message} — the write may have been applied; reconcile before retrying`,
    cause,
    ...(cause.request === undefined ? {} : { request: cause.request }),
    ...(cause.status === undefined ? {} : { status: cause.status }),
    ...(cause.requestId === undefined ? {} : { requestId: cause.requestId }),
  };
  return new ConnectWiseOutcomeUnknownError(init);
}

function responseInit(facts: ResponseFacts): ConnectWiseErrorInit {
  const cwCode = bodyCode(facts.body);
  const secrets = facts.secrets ?? [];
  const cwMessage = bodyMessage(facts.body);
  const errors = bodyErrors(facts.body)?.map((entry) => redactEntry(entry, secrets));
  const requestId = facts.headers.get("x-cw-request-id") ?? undefined;
  const detail = [cwCode, cwMessage].filter(Boolean).join(": ");
  const where = `${facts.request.method} ${pathOf(facts.request.url)}`;
  return {
    message: redactText(`${where} → ${facts.status}${detail ? ` ${detail}` : ""}`, secrets),
    request: facts.request,
    status: facts.status,
    ...(cwCode === undefined ? {} : { cwCode }),
    ...(errors === undefined ? {} : { errors }),
    ...(requestId === undefined ? {} : { requestId }),
  };
}

function redactEntry(
  entry: ConnectWiseFieldError,
  secrets: readonly string[],
): ConnectWiseFieldError {
  const copy: Record<string, unknown> = { ...entry };
  for (const [key, value] of Object.entries(copy)) {
    if (typeof value === "string") copy[key] = redactText(value, secrets);
  }
  return copy;
}

function field(body: unknown, name: string): unknown {
  return typeof body === "object" && body !== null && name in body
    ? (body as Record<string, unknown>)[name]
    : undefined;
}

function bodyCode(body: unknown): string | undefined {
  const code = field(body, "code") ?? field(body, "error");
  return typeof code === "string" && code !== "" ? code : undefined;
}

function bodyMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.slice(0, 500) || undefined;
  const message = field(body, "message");
  return typeof message === "string" ? message.slice(0, 500) : undefined;
}

function bodyErrors(body: unknown): readonly ConnectWiseFieldError[] | undefined {
  const errors = field(body, "errors");
  if (!Array.isArray(errors)) return undefined;
  return errors.filter(
    (e: unknown): e is ConnectWiseFieldError => typeof e === "object" && e !== null,
  );
}

/** The first `code` found on the error, its `cause` chain, or an AggregateError's members. */
function findErrorCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== "object" || error === null || depth > 5) return undefined;
  const code = field(error, "code");
  if (typeof code === "string") return code;
  const nested = field(error, "cause");
  const fromCause = findErrorCode(nested, depth + 1);
  if (fromCause !== undefined) return fromCause;
  const members = field(error, "errors");
  return Array.isArray(members) ? findErrorCode(members[0], depth + 1) : undefined;
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : "unknown error";
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
