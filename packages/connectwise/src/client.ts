/**
 * The kernel: options, auth, codebase, hooks and the wrap pipeline around one `fetch` call,
 * implementing `ConnectWiseCore`. Retry and throttle are plugins wrapped around it
 * (see `createConnectWise`).
 */
import { basicAuthorization, redactUrl } from "./auth.js";
import { createCodebaseResolver, discoverCodebase, type CodebaseResolver } from "./codebase.js";
import { isIdempotentRequest } from "./classify.js";
import { ConnectWiseNotFoundError, type ConnectWiseError } from "./errors.js";
import {
  composeWrappers,
  runObserver,
  type PipelineRequest,
  type RequestInfo,
  type Send,
  type Wrapper,
} from "./hooks.js";
import { resolveOptions, type ConnectWiseOptions, type ResolvedOptions } from "./options.js";
import { collect, count, paginate } from "./paginate.js";
import { buildApiUrl, buildHeaders } from "./request.js";
import { sendHttp } from "./transport.js";
import type { ConnectWiseCore, ConnectWiseResponse, HttpMethod, RequestOptions } from "./types.js";

/** The kernel plus what plugins need. */
export interface ConnectWiseKernel extends ConnectWiseCore {
  /** Pipeline hooks: `wrap` surrounds every request; the last wrapper added is the outermost. */
  readonly hook: { wrap(wrapper: Wrapper): void };
  /** The codebase in use (`v2025_1/`), discovered on first use unless given in the options. */
  codebase(): Promise<string>;
}

/** A plugin: `(client, options) => extra API` (Octokit shape). */
export type ConnectWisePlugin = (
  client: ConnectWiseKernel,
  options: ConnectWiseOptions,
) => void | Readonly<Record<string, unknown>>;

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
  const baseSend = createBaseSend(resolved, codebase);
  const send: Send = (request) => composeWrappers(baseSend, wrappers)(request);

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
    hook: { wrap: (wrapper) => void wrappers.push(wrapper) },
    codebase: () => codebase.get(),
    requestWithResponse,
    request: async <T>(method: HttpMethod, path: string, callOptions?: RequestOptions) =>
      (await requestWithResponse<T>(method, path, callOptions)).data,
    paginate: (path, paginateOptions) => paginate(core, path, paginateOptions),
    collect: (path, collectOptions) => collect(core, path, collectOptions),
    count: (path, query) => count(core, path, query),
  };
  return core;
}

function toPipelineRequest(
  method: HttpMethod,
  path: string,
  options: RequestOptions,
): PipelineRequest {
  const { idempotent, priority, ...rest } = options;
  return {
    ...rest,
    method,
    path,
    idempotent: idempotent ?? isIdempotentRequest(method, options.body),
    priority: priority ?? "normal",
    attempt: 1,
  };
}

/** On a 404, re-discover the codebase once and re-send if it changed (hosted upgrades move it). */
async function sendWithRediscovery(
  send: Send,
  codebase: CodebaseResolver,
  request: PipelineRequest,
): Promise<ConnectWiseResponse<unknown>> {
  try {
    return await send(request);
  } catch (error) {
    if (!(error instanceof ConnectWiseNotFoundError)) throw error;
    const changed = await codebase.refresh().catch(() => false);
    if (!changed) throw error;
    return send(request);
  }
}

/** The innermost send: URL, headers, hooks, one HTTP exchange. */
function createBaseSend(resolved: ResolvedOptions, codebase: CodebaseResolver): Send {
  const { hooks, log, credentials } = resolved;
  const authorization = basicAuthorization(credentials);
  const secrets = [
    credentials.privateKey,
    credentials.publicKey,
    credentials.clientId,
    authorization,
    authorization.slice("Basic ".length),
  ];
  return async (request) => {
    const url = buildApiUrl({
      origin: resolved.origin,
      codebase: await codebase.get(),
      path: request.path,
      ...(request.query === undefined ? {} : { query: request.query }),
    });
    const info: RequestInfo = {
      method: request.method,
      url: redactUrl(url),
      attempt: request.attempt,
    };
    await hooks.before?.(info);
    const started = performance.now();
    try {
      const response = await sendHttp({
        fetch: resolved.fetch,
        url,
        headers: buildHeaders({
          credentials: resolved.credentials,
          apiVersion: resolved.apiVersion,
          userAgent: resolved.userAgent,
          hasBody: request.body !== undefined,
          ...(request.headers === undefined ? {} : { extra: request.headers }),
        }),
        body: request.body,
        timeoutMs:
          request.timeoutMs ?? resolved.timeouts[request.method === "GET" ? "read" : "write"],
        ...(request.signal === undefined ? {} : { signal: request.signal }),
        request: { method: request.method, url: info.url },
        idempotent: request.idempotent,
        secrets,
      });
      const durationMs = Math.round(performance.now() - started);
      const requestId = response.headers.get("x-cw-request-id") ?? undefined;
      log.debug(`${request.method} ${request.path} ${response.status} in ${durationMs}ms`);
      await runObserver(log, "after", () =>
        hooks.after?.({
          ...info,
          status: response.status,
          durationMs,
          ...(requestId ? { requestId } : {}),
        }),
      );
      return response;
    } catch (error) {
      const typed = error as ConnectWiseError; // sendHttp only throws typed errors
      log.debug(`${request.method} ${request.path} failed: ${typed.code}`, {
        status: typed.status,
      });
      await runObserver(log, "error", () => hooks.error?.(typed, info));
      throw typed;
    }
  };
}
