/**
 * One HTTP exchange over the injected `fetch`: JSON body, per-call timeout combined with the
 * caller's signal, no redirects, and every failure turned into a typed error.
 */
import { classifyFailure, classifyResponse } from "./classify.js";
import { startDeadline } from "./deadline.js";
import type { RedactedRequest } from "./errors.js";
import type { ConnectWiseResponse } from "./types.js";

/** Everything `sendHttp` needs; `request` is the redacted view used in errors. */
export interface HttpCall {
  readonly fetch: typeof fetch;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  readonly request: RedactedRequest;
  readonly idempotent: boolean;
  /** Values masked in error messages and causes (keys, clientId, Authorization). */
  readonly secrets?: readonly string[];
}

/**
 * Sends the request and reads the whole body; throws a `ConnectWiseError` on any failure or
 * non-2xx status.
 *
 * @example
 * const res = await sendHttp({ fetch, url, headers, timeoutMs: 60_000, request: { method: "GET", url }, idempotent: true });
 */
export async function sendHttp(call: HttpCall): Promise<ConnectWiseResponse<unknown>> {
  const deadline = startDeadline(call.timeoutMs);
  const signal = call.signal ? AbortSignal.any([call.signal, deadline.signal]) : deadline.signal;
  let response: Response;
  let text: string;
  try {
    call.signal?.throwIfAborted();
    response = await call.fetch(call.url, requestInit(call, signal));
    text = await response.text();
  } catch (cause) {
    throw classifyFailure({
      request: call.request,
      idempotent: call.idempotent,
      cause,
      timedOut: deadline.expired && !(call.signal?.aborted ?? false),
      aborted: call.signal?.aborted ?? false,
      ...(call.secrets === undefined ? {} : { secrets: call.secrets }),
    });
  } finally {
    deadline.clear();
  }
  const data = parseBody(text);
  if (response.status < 200 || response.status >= 300) {
    throw classifyResponse({
      request: call.request,
      idempotent: call.idempotent,
      status: response.status,
      headers: response.headers,
      body: data,
      ...(call.secrets === undefined ? {} : { secrets: call.secrets }),
    });
  }
  return { status: response.status, headers: response.headers, data, url: call.request.url };
}

/** The `fetch` init: JSON body when there is one, never follow redirects. */
function requestInit(call: HttpCall, signal: AbortSignal): RequestInit {
  const init: RequestInit = {
    method: call.request.method,
    headers: call.headers,
    signal,
    redirect: "manual",
  };
  if (call.body !== undefined) init.body = JSON.stringify(call.body);
  return init;
}

/**
 * JSON when it parses, `undefined` for an empty body, the raw text otherwise.
 *
 * @example
 * parseBody('{"count":3}'); // { count: 3 }
 * parseBody(""); // undefined
 */
export function parseBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
