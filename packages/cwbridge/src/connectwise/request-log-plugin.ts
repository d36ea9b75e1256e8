/**
 * Events-log plumbing of one ConnectWise client: every HTTP attempt becomes a `request_log`
 * row (connection, method, path + redacted query, status, latency, attempt, outcome, error
 * code, job, `x-cw-request-id`). Codebase discovery (`/login/companyinfo`) is logged through
 * the wrapped `fetch`.
 *
 * Nothing is lost across a crash: before an attempt is sent, its row is inserted with outcome
 * `sending` and committed (the `before` hook awaits it; if the insert fails the request is not
 * sent and `CWB_ERR_EVENTS_LOG_UNAVAILABLE` is thrown); when the attempt ends, the same row is
 * updated, and the attempt's result returns once that update has committed. A row a killed
 * process left `sending` is settled by the sweep at the next engine start
 * (`store/request-log-sweep.ts`). Reads (GET) are logged the same way: the events log
 * promises a row for every request that may have reached ConnectWise.
 *
 * The writes of the client's concurrent attempts are group-committed (`events-log-batch.ts`):
 * the `sending` inserts and completion updates waiting at the same time share one transaction,
 * each caller still awaiting its own write's commit, so the guarantees above and below are
 * those of one transaction per write, at fewer commits per request under load.
 *
 * Outcome of an attempt: `sending` (in flight); `ok`; `retry` (failed, and the retry plugin
 * decided to try again: its own decision, `info.retry`, as the error hook sees it); `error`
 * (failed, final: the plugin gave up, or retries are off); `outcome_unknown` (a write that may have been
 * applied, or a request in flight when the engine stopped); `planned` (a write refused before
 * sending because the connection is disabled).
 *
 * The `before` hook also enforces the enable toggle, as the last step before a write leaves
 * (after the throttle's queue and any retry backoff, on every attempt): the transaction that
 * inserts the attempt's `sending` row first reads the connection's `enabled` flag (one
 * primary-key read per transaction, ordered with a toggle committed by any process: see
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
} from "@cwbridge/connectwise";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import { currentOwner } from "../store/request-log-owner.js";
import type { RequestFinish, RequestStart } from "../store/request-log.js";
import type { Database } from "../store/schema.js";
import { connectionDisabled } from "./errors.js";
import { createEventsLogBatch, REFUSED, type BatchWriter } from "./events-log-batch.js";
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
 * Runs one events-log transaction (the group-committed writes of concurrent attempts). The engine runs them as relaxed transactions:
 * a row is committed (and visible to the sweep, `cwbridge events` and other processes) before
 * the request leaves and survives a kill of the process, but its fsync rides on the next
 * durable write instead of holding the request slot — a power loss may drop the last few rows
 * of the log, never a business-state marker (every ConnectWise write is preceded by a durable
 * one).
 */
export type EventsLogWriter = BatchWriter;

/** The pieces to give `createConnectWise`. */
export interface RequestLogging {
  readonly hooks: ConnectWiseHooks;
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
 * Builds the hooks (events log, enable guard) and the fetch wrapper of one client.
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

  return { hooks, wrapFetch };
}

/** The row of the attempt being sent, and when it started. */
interface InFlight {
  readonly id: number;
  readonly began: number;
}

/**
 * The events-log writes, group-committed (`events-log-batch.ts`): `begin` an attempt (throws:
 * nothing unlogged is sent), `beginWrite` the same after the enable check in the same
 * transaction (a disabled connection gets a `planned` row instead, and `REFUSED`), `finish`
 * it. Failures of `finish` are logged, never thrown at the request.
 */
function rowWriters(deps: RequestLoggingDeps): {
  begin: (method: string, path: string, attempt: number) => Promise<InFlight>;
  beginWrite: (method: string, path: string, attempt: number) => Promise<InFlight | typeof REFUSED>;
  finish: (id: number, result: RequestFinish) => Promise<void>;
} {
  const warn = (error: unknown, message: string): void =>
    deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, message);
  const batch = createEventsLogBatch({
    write: deps.write ?? ((fn) => deps.db.transaction().execute(fn)),
    isEnabled: deps.isEnabled ?? (async () => true),
  });
  const startOf = (method: string, path: string, attempt: number): RequestStart => ({
    at: deps.now().toISOString(),
    connectionId: deps.connectionId,
    jobId: deps.jobId(),
    method,
    path,
    attempt,
    owner: currentOwner(),
  });
  const beginAs = async (method: string, path: string, attempt: number, guarded: boolean) => {
    try {
      const id = await batch.begin(startOf(method, path, attempt), guarded);
      return id === REFUSED ? REFUSED : { id, began: performance.now() };
    } catch (error) {
      throw new EventsLogError(method, path, error);
    }
  };
  return {
    begin: async (method, path, attempt) => {
      const attemptRow = await beginAs(method, path, attempt, false);
      if (attemptRow === REFUSED) throw new Error("events log: an unguarded attempt was refused");
      return attemptRow;
    },
    beginWrite: (method, path, attempt) => beginAs(method, path, attempt, true),
    finish: async (id, result) => {
      try {
        await batch.finish(id, result);
      } catch (error) {
        warn(error, "events log: completion update failed");
      }
    },
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
