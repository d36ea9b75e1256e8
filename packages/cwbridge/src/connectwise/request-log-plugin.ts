/**
 * Events-log plumbing of one ConnectWise client: every HTTP attempt becomes a `request_log`
 * row (connection, method, path + redacted query, status, latency, attempt, outcome, error
 * code, job, `x-cw-request-id`). Codebase discovery (`/login/companyinfo`) is logged through
 * the wrapped `fetch`.
 *
 * Nothing is lost across a crash: before an attempt is sent, its row is inserted with outcome
 * `sending` and committed (the `before` hook awaits it; if the insert fails the request is not
 * sent and `CWB_ERR_EVENTS_LOG_UNAVAILABLE` is thrown); when the attempt ends, the same row is
 * updated. A row a killed process left `sending` is settled by the sweep at the next engine
 * start (`store/request-log-sweep.ts`).
 *
 * Outcome of an attempt: `sending` (in flight); `ok`; `retry` (failed, and the retry plugin
 * decided to try again: its own decision, `info.retry`, as the error hook sees it); `error`
 * (failed, final: the plugin gave up, or retries are off); `outcome_unknown` (a write that may have been
 * applied, or a request in flight when the engine stopped); `planned` (a write refused before
 * sending because the connection is disabled).
 *
 * The `before` hook also enforces the enable toggle, as the last step before a write leaves
 * (after the throttle's queue and any retry backoff, on every attempt): the transaction that
 * would insert the attempt's `sending` row first reads the connection's `enabled` flag (one
 * primary-key read, ordered with a toggle committed by any process: see
 * `isConnectionEnabled`). While the connection is disabled every POST/PUT/PATCH/DELETE throws
 * `CWB_ERR_CONNECTION_DISABLED` instead of being sent (read-only `POST …/search` calls are
 * allowed), and a `planned` row records what would have been written. So once a disable has
 * committed, the only writes that can still reach ConnectWise are those already logged
 * `sending` — at most one per throttle slot.
 */
import {
  ConnectWiseError,
  type AttemptErrorInfo,
  type ConnectWiseHooks,
  type ConnectWisePlugin,
} from "@cwbridge/connectwise";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { currentOwner } from "../store/request-log-owner.js";
import {
  appendRequestLog,
  beginRequestLog,
  finishRequestLog,
  type RequestFinish,
  type RequestLogEntry,
  type RequestStart,
} from "../store/request-log.js";
import type { Database } from "../store/schema.js";
import { connectionDisabled } from "./errors.js";
import { EventsLogError } from "./events-log-error.js";

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
  /**
   * @deprecated Unused: an attempt's `retry` / `error` outcome is the retry plugin's own
   * decision (`info.retry` in the error hook), not recomputed from `maxRetries`.
   */
  readonly maxRetries?: number;
  readonly log: Logger;
  readonly now: () => Date;
  /** Called when a response shows a codebase (persist it). */
  readonly onCodebase?: (codebase: string) => Promise<void>;
  /** Called on a 403 (`CW_PERMISSION`). */
  readonly onForbidden?: (event: ForbiddenEvent) => Promise<void>;
  /**
   * The enable toggle, read on `db` inside the transaction that logs a write attempt, right
   * before it is sent; omitted = no guard (ad-hoc read-only clients).
   */
  readonly isEnabled?: (db: Kysely<Database>) => Promise<boolean>;
  /**
   * Runs an events-log write in one transaction; default: a durable transaction on `db`. The
   * engine passes a relaxed one (see {@link EventsLogWriter}).
   */
  readonly write?: EventsLogWriter;
}

/**
 * Runs one events-log write in one transaction. The engine runs them as relaxed transactions:
 * a row is committed (and visible to the sweep, `cwbridge events` and other processes) before
 * the request leaves and survives a kill of the process, but its fsync rides on the next
 * durable write instead of holding the request slot — a power loss may drop the last few rows
 * of the log, never a business-state marker (every ConnectWise write is preceded by a durable
 * one).
 */
export type EventsLogWriter = <T>(fn: (db: Kysely<Database>) => Promise<T>) => Promise<T>;

/** The pieces to give `createConnectWise`. */
export interface RequestLogging {
  readonly hooks: ConnectWiseHooks;
  /**
   * @deprecated Does nothing: the error hook now sees the attempt's idempotency and the retry
   * decision itself. Kept so existing `plugins: [logging.plugin]` wiring still compiles.
   */
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
 * const logging = createRequestLogging({ db, connectionId, jobId: () => null, redact, log, now });
 * createConnectWise({ ...options, hooks: logging.hooks, fetch: logging.wrapFetch(fetch) });
 */
export function createRequestLogging(deps: RequestLoggingDeps): RequestLogging {
  /**
   * The attempts between their `before` hook and their completion, by `RequestInfo.id` (unique
   * per attempt within one client; this logging belongs to one client). The kernel calls
   * `after` / `error` only once the attempt's `before` has resolved, so every completion finds
   * its row.
   */
  const inFlight = new Map<number, InFlight>();
  const take = (id: number): InFlight => {
    const attempt = inFlight.get(id);
    if (attempt === undefined) throw new Error(`events log: attempt ${id} has no sending row`);
    inFlight.delete(id);
    return attempt;
  };
  const { begin, beginWrite, finish } = rowWriters(deps);

  const hooks: ConnectWiseHooks = {
    before: async (info) => {
      const { path, bare } = logPath(info.url, deps.redact);
      const guarded = deps.isEnabled !== undefined && isWriteRequest(info.method, bare);
      const attempt = await (guarded ? beginWrite : begin)(info.method, path, info.attempt);
      if (attempt === REFUSED) {
        throw connectionDisabled(deps.connectionId ?? "(unsaved)", info.method, bare);
      }
      inFlight.set(info.id, attempt);
    },
    after: async (response) => {
      await finish(take(response.id).id, {
        status: response.status,
        latencyMs: Math.round(response.durationMs),
        attempt: response.attempt,
        outcome: "ok",
        errorCode: null,
        cwRequestId: response.requestId ?? null,
      });
      const { codebase } = logPath(response.url, deps.redact);
      if (codebase !== undefined) await deps.onCodebase?.(codebase);
    },
    error: async (error, info) => {
      const attempt = take(info.id);
      await finish(attempt.id, {
        status: error.status ?? null,
        latencyMs: Math.round(performance.now() - attempt.began),
        attempt: info.attempt,
        outcome: outcomeOf(error, info),
        errorCode: error.code,
        cwRequestId: error.requestId ?? null,
      });
      if (error.code === "CW_PERMISSION" && deps.connectionId !== null) {
        await deps.onForbidden?.({
          connectionId: deps.connectionId,
          method: info.method,
          path: logPath(info.url, deps.redact).bare,
          message: deps.redact(error.message),
        });
      }
    },
  };

  const plugin: ConnectWisePlugin = () => undefined;

  const wrapFetch = (inner: typeof fetch): typeof fetch =>
    async function loggedFetch(input, init) {
      const url = urlOf(input);
      if (!/\/login\/companyinfo\//i.test(new URL(url).pathname)) return inner(input, init);
      const { id, began } = await begin("GET", logPath(url, deps.redact).path, 1);
      const base = { attempt: 1 };
      try {
        const response = await inner(input, init);
        await finish(id, {
          ...base,
          status: response.status,
          latencyMs: Math.round(performance.now() - began),
          outcome: response.ok ? "ok" : "error",
          errorCode: response.ok ? null : `HTTP_${response.status}`,
          cwRequestId: response.headers.get("x-cw-request-id"),
        });
        return response;
      } catch (error) {
        await finish(id, {
          ...base,
          status: null,
          latencyMs: Math.round(performance.now() - began),
          outcome: "error",
          errorCode: transportErrorCode(error),
          cwRequestId: null,
        });
        throw error;
      }
    };

  return { hooks, plugin, wrapFetch };
}

/** The row of the attempt being sent, and when it started. */
interface InFlight {
  readonly id: number;
  readonly began: number;
}

/** What `beginWrite` returns when the connection is disabled (nothing may be sent). */
const REFUSED = Symbol("refused");

/**
 * The events-log writes: `begin` an attempt (throws: nothing unlogged is sent), `beginWrite`
 * the same after the enable check in the same transaction (a disabled connection gets a
 * `planned` row instead, and `REFUSED`), `finish` it. Failures of `finish` are logged, never
 * thrown at the request.
 */
function rowWriters(deps: RequestLoggingDeps): {
  begin: (method: string, path: string, attempt: number) => Promise<InFlight>;
  beginWrite: (method: string, path: string, attempt: number) => Promise<InFlight | typeof REFUSED>;
  finish: (id: number, result: RequestFinish) => Promise<void>;
} {
  const warn = (error: unknown, message: string): void =>
    deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, message);
  const write: EventsLogWriter = deps.write ?? ((fn) => deps.db.transaction().execute(fn));
  const context = () => ({
    at: deps.now().toISOString(),
    connectionId: deps.connectionId,
    jobId: deps.jobId(),
  });
  const startOf = (method: string, path: string, attempt: number): RequestStart => ({
    ...context(),
    method,
    path,
    attempt,
    owner: currentOwner(),
  });
  const started = (id: number): InFlight => ({ id, began: performance.now() });
  const orUnavailable = async <T>(method: string, path: string, fn: () => Promise<T>) => {
    try {
      return await fn();
    } catch (error) {
      throw new EventsLogError(method, path, error);
    }
  };
  const isEnabled = deps.isEnabled ?? (async () => true);
  return {
    begin: (method, path, attempt) =>
      orUnavailable(method, path, async () => {
        const at = startOf(method, path, attempt);
        return started(await write((db) => beginRequestLog(db, at)));
      }),
    beginWrite: (method, path, attempt) =>
      orUnavailable(method, path, async () => {
        const at = startOf(method, path, attempt);
        const id = await write(async (db) => {
          if (await isEnabled(db)) return beginRequestLog(db, at);
          await appendRequestLog(db, [plannedRow(at)]);
          return REFUSED;
        });
        return id === REFUSED ? REFUSED : started(id);
      }),
    finish: async (id, result) => {
      try {
        await write((db) => finishRequestLog(db, id, result));
      } catch (error) {
        warn(error, "events log: completion update failed");
      }
    },
  };
}

/** The `planned` row of a write refused because the connection is disabled (never attempted). */
function plannedRow(start: RequestStart): RequestLogEntry {
  return {
    at: start.at,
    connectionId: start.connectionId,
    jobId: start.jobId,
    method: start.method,
    path: start.path,
    status: null,
    latencyMs: 0,
    attempt: 0,
    outcome: "planned",
    errorCode: "CWB_ERR_CONNECTION_DISABLED",
    cwRequestId: null,
  };
}

/**
 * The row outcome of a failed attempt: `retry` only when the retry plugin decided to send it
 * again (no decision, i.e. retries off, is final).
 */
function outcomeOf(error: ConnectWiseError, info: AttemptErrorInfo): RequestFinish["outcome"] {
  if (error.code === "CW_OUTCOME_UNKNOWN") return "outcome_unknown";
  return info.retry?.willRetry === true ? "retry" : "error";
}

function urlOf(input: Parameters<typeof fetch>[0]): string {
  if (typeof input === "string") return input;
  return input instanceof URL ? input.href : input.url;
}

/** The events-log code of a failed companyinfo fetch (a typed refusal keeps its own code). */
function transportErrorCode(error: unknown): string {
  if (error instanceof ConnectWiseError) return error.code;
  return isTimeout(error) ? "CW_TIMEOUT" : "CW_CONNECTION";
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}
