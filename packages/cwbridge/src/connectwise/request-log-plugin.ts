/**
 * Events-log plumbing of one ConnectWise client: every HTTP attempt becomes a `request_log`
 * row (connection, method, path + redacted query, status, latency, attempt, outcome, error
 * code, job, `x-cw-request-id`), appended before the call returns to its caller. Codebase
 * discovery (`/login/companyinfo`) is logged through the wrapped `fetch`.
 *
 * Outcome of an attempt: `ok`; `retry` (failed, and the retry policy will try again);
 * `error` (failed, final); `outcome_unknown` (a write that may have been applied); `planned`
 * (a write refused before sending because the connection is disabled).
 *
 * The outermost wrapper also enforces the enable toggle: while the connection is disabled
 * every POST/PUT/PATCH/DELETE throws `CWB_ERR_CONNECTION_DISABLED` before anything is sent
 * (read-only `POST …/search` calls are allowed), and a `planned` row records what would have
 * been written.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import {
  shouldRetry,
  type ConnectWiseError,
  type ConnectWiseHooks,
  type ConnectWisePlugin,
  type PipelineRequest,
  type RequestInfo,
} from "@cwbridge/connectwise";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { appendRequestLog, type RequestLogEntry } from "../store/request-log.js";
import type { Database, RequestOutcome } from "../store/schema.js";
import { connectionDisabled } from "./errors.js";

/** What a 403 handler learns. */
export interface ForbiddenEvent {
  readonly connectionId: string;
  readonly method: string;
  /** API path without query, e.g. `/service/tickets/12`. */
  readonly path: string;
  readonly message: string;
}

/** Dependencies of {@link createRequestLogging}. */
export interface RequestLoggingDeps {
  readonly db: Kysely<Database>;
  /** null for ad-hoc clients (a connection test before saving). */
  readonly connectionId: string | null;
  /** The job to attribute requests to (explicit, else the current job scope). */
  readonly jobId: () => string | null;
  /** Scrubs known secret values from text (paths, messages). */
  readonly redact: (text: string) => string;
  /** The retry plugin's `maxRetries` (0 when retries are off), to tell `retry` from `error`. */
  readonly maxRetries: number;
  readonly log: Logger;
  readonly now: () => Date;
  /** Called when a response shows a codebase (persist it). */
  readonly onCodebase?: (codebase: string) => Promise<void>;
  /** Called on a 403 (`CW_PERMISSION`). */
  readonly onForbidden?: (event: ForbiddenEvent) => Promise<void>;
  /** The enable toggle; omitted = no guard (ad-hoc read-only clients). */
  readonly isEnabled?: () => Promise<boolean>;
}

/** The pieces to give `createConnectWise`. */
export interface RequestLogging {
  readonly hooks: ConnectWiseHooks;
  readonly plugin: ConnectWisePlugin;
  readonly wrapFetch: (inner: typeof fetch) => typeof fetch;
}

const MAX_PATH_LENGTH = 2048;
const API_PATH = /^\/([^/]+)\/apis\/3\.0(\/.*)?$/i;

/**
 * Splits a request URL into the logged path (API path + query, secrets scrubbed, capped) and
 * the codebase.
 *
 * @example
 * logPath("http://cw.emulator/v2025_1/apis/3.0/system/info?x=1", (t) => t);
 * // { path: "/system/info?x=1", bare: "/system/info", codebase: "v2025_1/" }
 */
export function logPath(
  url: string,
  redact: (text: string) => string,
): { path: string; bare: string; codebase: string | undefined } {
  const parsed = new URL(url);
  const match = API_PATH.exec(parsed.pathname);
  const bare = match ? (match[2] ?? "/") : parsed.pathname;
  const path = redact(`${bare}${parsed.search}`).slice(0, MAX_PATH_LENGTH);
  return { path, bare: redact(bare), codebase: match?.[1] ? `${match[1]}/` : undefined };
}

/**
 * Whether a request writes (and is therefore refused while the connection is disabled).
 *
 * @example
 * isWriteRequest("POST", "/service/tickets/search"); // false (read-only search)
 * isWriteRequest("PATCH", "/service/tickets/1"); // true
 */
export function isWriteRequest(method: string, path: string): boolean {
  if (method === "GET") return false;
  return !(method === "POST" && /\/search\/?$/i.test(path.split("?")[0] ?? ""));
}

/**
 * Builds the hooks, the guard plugin and the fetch wrapper of one client.
 *
 * @example
 * const logging = createRequestLogging({ db, connectionId, jobId: () => null, redact, maxRetries: 4, log, now });
 * createConnectWise({ ...options, hooks: logging.hooks, plugins: [logging.plugin], fetch: logging.wrapFetch(fetch) });
 */
export function createRequestLogging(deps: RequestLoggingDeps): RequestLogging {
  const scope = new AsyncLocalStorage<PipelineRequest>();
  const started = new WeakMap<RequestInfo, number>();

  const append = async (entry: Omit<RequestLogEntry, "at" | "connectionId" | "jobId">) => {
    try {
      await appendRequestLog(deps.db, [
        {
          ...entry,
          at: deps.now().toISOString(),
          connectionId: deps.connectionId,
          jobId: deps.jobId(),
        },
      ]);
    } catch (error) {
      deps.log.warn(
        { err: error instanceof Error ? error.message : String(error) },
        "events log: append failed",
      );
    }
  };

  const hooks: ConnectWiseHooks = {
    before: (info) => void started.set(info, performance.now()),
    after: async (response) => {
      const { path, codebase } = logPath(response.url, deps.redact);
      await append({
        method: response.method,
        path,
        status: response.status,
        latencyMs: Math.round(response.durationMs),
        attempt: response.attempt,
        outcome: "ok",
        errorCode: null,
        cwRequestId: response.requestId ?? null,
      });
      if (codebase !== undefined) await deps.onCodebase?.(codebase);
    },
    error: async (error, info) => {
      const { path, bare } = logPath(info.url, deps.redact);
      const began = started.get(info);
      await append({
        method: info.method,
        path,
        status: error.status ?? null,
        latencyMs: began === undefined ? 0 : Math.round(performance.now() - began),
        attempt: info.attempt,
        outcome: outcomeOf(error, info, scope.getStore(), deps.maxRetries),
        errorCode: error.code,
        cwRequestId: error.requestId ?? null,
      });
      if (error.code === "CW_PERMISSION" && deps.connectionId !== null) {
        await deps.onForbidden?.({
          connectionId: deps.connectionId,
          method: info.method,
          path: bare,
          message: deps.redact(error.message),
        });
      }
    },
  };

  const plugin: ConnectWisePlugin = (client) => {
    client.hook.wrap(async (next, request) => {
      if (deps.isEnabled !== undefined && isWriteRequest(request.method, request.path)) {
        if (!(await deps.isEnabled())) {
          await append({
            method: request.method,
            path: deps.redact(request.path).slice(0, MAX_PATH_LENGTH),
            status: null,
            latencyMs: 0,
            attempt: 0,
            outcome: "planned",
            errorCode: "CWB_ERR_CONNECTION_DISABLED",
            cwRequestId: null,
          });
          throw connectionDisabled(deps.connectionId ?? "(unsaved)", request.method, request.path);
        }
      }
      return scope.run(request, () => next(request));
    });
  };

  const wrapFetch = (inner: typeof fetch): typeof fetch =>
    async function loggedFetch(input, init) {
      const url = urlOf(input);
      if (!/\/login\/companyinfo\//i.test(new URL(url).pathname)) return inner(input, init);
      const began = performance.now();
      const base = { method: "GET", path: logPath(url, deps.redact).path, attempt: 1 };
      try {
        const response = await inner(input, init);
        await append({
          ...base,
          status: response.status,
          latencyMs: Math.round(performance.now() - began),
          outcome: response.ok ? "ok" : "error",
          errorCode: response.ok ? null : `HTTP_${response.status}`,
          cwRequestId: response.headers.get("x-cw-request-id"),
        });
        return response;
      } catch (error) {
        await append({
          ...base,
          status: null,
          latencyMs: Math.round(performance.now() - began),
          outcome: "error",
          errorCode: isTimeout(error) ? "CW_TIMEOUT" : "CW_CONNECTION",
          cwRequestId: null,
        });
        throw error;
      }
    };

  return { hooks, plugin, wrapFetch };
}

function outcomeOf(
  error: ConnectWiseError,
  info: RequestInfo,
  request: PipelineRequest | undefined,
  maxRetries: number,
): RequestOutcome {
  if (error.code === "CW_OUTCOME_UNKNOWN") return "outcome_unknown";
  const subject = request ?? { method: info.method, idempotent: info.method === "GET" };
  return shouldRetry(subject, error, info.attempt, { maxRetries }) ? "retry" : "error";
}

function urlOf(input: Parameters<typeof fetch>[0]): string {
  if (typeof input === "string") return input;
  return input instanceof URL ? input.href : input.url;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}
