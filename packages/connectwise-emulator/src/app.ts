/**
 * The Hono application: `/login/companyinfo/{company}`, `/callback-keys/{keyId}`, and
 * `/{codebase}/apis/3.0/...` for any codebase segment; everything else is a ConnectWise 404.
 * One `onError` maps every failure to a ConnectWise-shaped body.
 */
import { Hono } from "hono";
import { handleApi } from "./api-handler.js";
import { CwHttpError } from "./errors.js";
import { API_VERSION, JSON_TYPE, errorReply, toResponse } from "./responses.js";
import type { EmulatorState } from "./state.js";
import { companyInfo } from "./system-handler.js";

const API_PATH = /^\/[^/]+\/apis\/3\.0(\/.*)?$/i;
const COMPANY_INFO = /^\/login\/companyinfo\/([^/]+)\/?$/i;
const CALLBACK_KEY = /^\/callback-keys\/([^/]+)\/?$/i;

function plain(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": JSON_TYPE, "api-current-version": API_VERSION },
  });
}

function onlyGet(request: Request): void {
  if (request.method !== "GET") {
    throw new CwHttpError(
      405,
      "MethodNotAllowed",
      `The requested resource does not support http method '${request.method}'.`,
    );
  }
}

function decode(segment: string | undefined): string {
  try {
    return decodeURIComponent(segment ?? "");
  } catch {
    throw new CwHttpError(400, "InvalidObject", "The URL is not correctly percent-encoded.");
  }
}

function outsideApi(state: EmulatorState, request: Request, pathname: string): Response {
  const info = COMPANY_INFO.exec(pathname);
  if (info) {
    onlyGet(request);
    return plain(companyInfo(state, decode(info[1])));
  }
  const key = CALLBACK_KEY.exec(pathname);
  if (key && decode(key[1]) === state.callbacks.keyId) {
    onlyGet(request);
    return plain({ signing_key: state.callbacks.signingKey });
  }
  throw new CwHttpError(
    404,
    "NotFound",
    `No resource was found that matches the request URI ${pathname}.`,
  );
}

/** Requests outside `apis/3.0` (companyinfo, callback keys, 404s) are ledgered with their full path. */
function ledgered(state: EmulatorState, request: Request, pathname: string): Response {
  state.requestSeq += 1;
  const requestId = `cwemu-${String(state.requestSeq).padStart(8, "0")}`;
  let response: Response;
  try {
    response = outsideApi(state, request, pathname);
  } catch (error) {
    response = toResponse(errorReply(error), { "api-current-version": API_VERSION });
  }
  response.headers.set("x-cw-request-id", requestId);
  state.ledger.append({
    kind: "request",
    requestId,
    method: request.method,
    path: pathname.toLowerCase(),
    query: Object.fromEntries(new URL(request.url).searchParams),
    status: response.status,
  });
  return response;
}

async function route(state: EmulatorState, request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const api = API_PATH.exec(pathname);
  if (api) return (await handleApi(state, request, api[1] ?? "/")).response;
  return ledgered(state, request, pathname);
}

/**
 * The emulator's Hono app.
 *
 * @example
 * const app = createApp(state);
 * await app.fetch(new Request("http://cw.emulator/login/companyinfo/demo"));
 */
export function createApp(state: EmulatorState): Hono {
  const app = new Hono();
  app.all("*", (c) => route(state, c.req.raw));
  app.onError((error) => toResponse(errorReply(error), { "api-current-version": API_VERSION }));
  return app;
}
