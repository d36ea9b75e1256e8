/**
 * The kernel: options, auth, codebase, hooks and the wrap pipeline around one `fetch` call,
 * implementing `ConnectWiseCore`. Retry and throttle are plugins wrapped around it
 * (see `createConnectWise`).
 */
import { basicAuthorization, redactApiUrl } from "./auth.js";
import { callAsync } from "./call-async.js";
import { createCodebaseResolver, discoverCodebase, type CodebaseResolver } from "./codebase.js";
import { isIdempotentRequest } from "./classify.js";
import { ConnectWiseNotFoundError, type ConnectWiseError } from "./errors.js";
import {
  composeWrappers,
  runObserver,
  type AttemptErrorInfo,
  type ErrorAnnotator,
  type PipelineRequest,
  type RequestInfo,
  type ResponseInfo,
  type Send,
  type Wrapper,
} from "./hooks.js";
import { resolveOptions, type ConnectWiseOptions, type ResolvedOptions } from "./options.js";
import { collect, count, paginate } from "./paginate.js";
import { createApiUrlBuilder, createHeaderBuilder } from "./request.js";
import { sendHttp } from "./transport.js";
import type { ConnectWiseCore, ConnectWiseResponse, HttpMethod, RequestOptions } from "./types.js";

/** Pipeline hooks for plugins. */
export interface KernelHooks {
  /** Surrounds every request; the last wrapper added is the outermost. */
  wrap(wrapper: Wrapper): void;
  /**
   * Notes on every failed attempt, taken before the `error` hook runs and shown to it in
   * `AttemptErrorInfo` (the retry plugin records its decision this way). Run in the order added.
   */
  noteError(annotator: ErrorAnnotator): void;
}

/** The kernel plus what plugins need. */
export interface ConnectWiseKernel extends ConnectWiseCore {
  readonly hook: KernelHooks;
  /** The codebase in use (`v2025_1/`), discovered on first use unless given in the options. */
  codebase(): Promise<string>;
}

/**
 * The bare kernel, without retry/throttle plugins or resource facades.
 *
 * @example
 * const core = createConnectWiseCore({ site: "na", companyId, publicKey, privateKey, clientId });
 * const info = await core.request("GET", "/system/info");
 */
export function createConnectWiseCore(options: ConnectWiseOptions): ConnectWiseKernel {
  const resolved = resolveOptions(options);
  const codebase = createCodebaseResolver({
    fixed: resolved.codebase,
    discover: () =>
      discoverCodebase({
        fetch: resolved.fetch,
        origin: resolved.origin,
        companyId: resolved.credentials.companyId,
        timeoutMs: resolved.timeouts.read,
        userAgent: resolved.userAgent,
      }),
  });
  const wrappers: Wrapper[] = [];
  const annotators: ErrorAnnotator[] = [];
  const baseSend = createBaseSend(resolved, codebase, annotators);
  let composed: Send | undefined; // rebuilt after each `hook.wrap`
  const send: Send = (request) => (composed ??= composeWrappers(baseSend, wrappers))(request);

  const requestWithResponse = <T>(
    method: HttpMethod,
    path: string,
    callOptions: RequestOptions = {},
  ): Promise<ConnectWiseResponse<T>> =>
    sendWithRediscovery(send, codebase, toPipelineRequest(method, path, callOptions)) as Promise<
      ConnectWiseResponse<T>
    >;

  const core: ConnectWiseKernel = {
    log: resolved.log,
    hook: {
      wrap: (wrapper) => {
        wrappers.push(wrapper);
        composed = undefined;
      },
      noteError: (annotator) => {
        annotators.push(annotator);
      },
    },
    codebase: () => codebase.get(),
    requestWithResponse,
    request: <T>(method: HttpMethod, path: string, callOptions?: RequestOptions) =>
      requestWithResponse<T>(method, path, callOptions).then(dataOf),
    paginate: (path, paginateOptions) => paginate(core, path, paginateOptions),
    collect: (path, collectOptions) => collect(core, path, collectOptions),
    count: (path, query) => count(core, path, query),
  };
  return core;
}

/**
 * The request as the wrappers see it: the call options plus method, path and the resolved
 * `idempotent`, `priority` and `attempt`. (`Object.assign` rather than `{ ...options, method }`:
 * on Node 20 adding properties after a spread costs about a microsecond each.)
 */
function toPipelineRequest(
  method: HttpMethod,
  path: string,
  options: RequestOptions,
): PipelineRequest {
  return Object.assign({}, options, {
    method,
    path,
    idempotent: options.idempotent ?? isIdempotentRequest(method, options.body),
    priority: options.priority ?? "normal",
    attempt: 1,
  });
}

function dataOf<T>(response: ConnectWiseResponse<T>): T {
  return response.data;
}

/** On a 404, re-discover the codebase once and re-send if it changed (hosted upgrades move it). */
function sendWithRediscovery(
  send: Send,
  codebase: CodebaseResolver,
  request: PipelineRequest,
): Promise<ConnectWiseResponse<unknown>> {
  return callAsync(send, request).then(undefined, async (error: unknown) => {
    if (!(error instanceof ConnectWiseNotFoundError)) throw error;
    const changed = await codebase.refresh().catch(() => false);
    if (!changed) throw error;
    return send(request);
  });
}

/** The innermost send: URL, headers, hooks, one HTTP exchange. */
function createBaseSend(
  resolved: ResolvedOptions,
  codebase: CodebaseResolver,
  annotators: readonly ErrorAnnotator[],
): Send {
  const { hooks, log, credentials } = resolved;
  const authorization = basicAuthorization(credentials);
  const secrets = [
    credentials.privateKey,
    credentials.publicKey,
    credentials.clientId,
    authorization,
    authorization.slice("Basic ".length),
  ];
  const headersFor = createHeaderBuilder(resolved);
  const urlFor = createApiUrlBuilder(resolved.origin);
  let lastAttemptId = 0; // `RequestInfo.id`: one per attempt, per client

  /** The HTTP exchange and the `after` / `error` observers, once URL and `before` are done. */
  const exchange = (
    request: PipelineRequest,
    url: string,
    info: RequestInfo,
  ): Promise<ConnectWiseResponse<unknown>> => {
    const started = performance.now();
    return sendHttp({
      fetch: resolved.fetch,
      url,
      headers: headersFor(request.body !== undefined, request.headers),
      body: request.body,
      timeoutMs:
        request.timeoutMs ?? resolved.timeouts[request.method === "GET" ? "read" : "write"],
      signal: request.signal,
      request: { method: request.method, url: info.url },
      idempotent: request.idempotent,
      secrets,
    }).then(
      (response) => {
        const durationMs = Math.round(performance.now() - started);
        log.debug(`${request.method} ${request.path} ${response.status} in ${durationMs}ms`);
        const after = hooks.after;
        if (!after) return response;
        return runObserver(log, "after", () =>
          after(responseInfo(info, response, durationMs)),
        ).then(() => response);
      },
      (error: unknown) => {
        const typed = error as ConnectWiseError; // sendHttp only throws typed errors
        log.debug(`${request.method} ${request.path} failed: ${typed.code}`, {
          status: typed.status,
        });
        const errorInfo = noted(info, typed, request, annotators, log);
        const onError = hooks.error;
        if (!onError) throw typed;
        return runObserver(log, "error", () => onError(typed, errorInfo)).then(() => {
          throw typed;
        });
      },
    );
  };

  /** URL, redacted info and the `before` hook for a known codebase, then the exchange. */
  const sendOn = (
    request: PipelineRequest,
    codebaseInUse: string,
  ): Promise<ConnectWiseResponse<unknown>> => {
    const url = urlFor(codebaseInUse, request.path, request.query);
    const info: RequestInfo = {
      id: ++lastAttemptId,
      method: request.method,
      url: redactApiUrl(url),
      attempt: request.attempt,
    };
    const before = hooks.before;
    if (!before) return exchange(request, url, info);
    return Promise.resolve(before(info)).then(() => exchange(request, url, info));
  };

  // Not `async`: with the codebase known and no `before` hook, no extra `await` layer.
  const send: Send = (request) => {
    const known = codebase.peek();
    if (known !== undefined) return sendOn(request, known);
    return codebase.get().then((discovered) => sendOn(request, discovered));
  };
  return (request) => callAsync(send, request);
}

/**
 * The info of a failed attempt with every plugin's notes (an annotator that throws is logged
 * and skipped: notes never break a request).
 */
function noted(
  info: RequestInfo,
  error: ConnectWiseError,
  request: PipelineRequest,
  annotators: readonly ErrorAnnotator[],
  log: ResolvedOptions["log"],
): AttemptErrorInfo {
  const errorInfo: AttemptErrorInfo = Object.assign({}, info, { idempotent: request.idempotent });
  for (const annotate of annotators) {
    try {
      Object.assign(errorInfo, annotate(error, request));
    } catch (failure) {
      log.warn("connectwise: an error annotator failed", {
        error: failure instanceof Error ? failure.message : String(failure),
      });
    }
  }
  return errorInfo;
}

/** What the `after` hook sees (`requestId` only when the server sent one). */
function responseInfo(
  info: RequestInfo,
  response: ConnectWiseResponse<unknown>,
  durationMs: number,
): ResponseInfo {
  const requestId = response.headers.get("x-cw-request-id");
  const observed = {
    id: info.id,
    method: info.method,
    url: info.url,
    attempt: info.attempt,
    status: response.status,
    durationMs,
  };
  return requestId ? Object.assign(observed, { requestId }) : observed;
}
