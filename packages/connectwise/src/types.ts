/**
 * Public types of the client kernel, shared by the kernel (client.ts), the plugins,
 * pagination and the resource facades. Kept in one file so facades can be written
 * against the kernel's contract.
 */
import type { Expr } from "./conditions/ast.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Query-string values; `undefined` entries are dropped. */
export type QueryValue = string | number | boolean | undefined;

/** A conditions expression: a raw string (sent as-is) or an AST (printed safely). */
export type ConditionsInput = string | Expr;

/** Scheduling priority of a call in the throttle queue: `high` (alerts) pre-empts bulk sync. */
export type RequestPriority = "high" | "normal" | "low";

/** Per-call options of `request()`. */
export interface RequestOptions {
  readonly query?: Readonly<Record<string, QueryValue | ConditionsInput>>;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** Overrides the client's timeout for this call (ms). */
  readonly timeoutMs?: number;
  /** Throttle queue priority; default `normal`. */
  readonly priority?: RequestPriority;
  /**
   * Whether re-sending cannot duplicate an effect. Default: GET/PUT/DELETE and replace-only
   * PATCH are; POST is not. Set `true` for read-only POSTs such as `/service/tickets/search`.
   */
  readonly idempotent?: boolean;
}

/** What the kernel returns when the caller wants status and headers too. */
export interface ConnectWiseResponse<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly data: T;
  /** The request URL with nothing secret in it. */
  readonly url: string;
}

/** The filter and shape parameters every ConnectWise list endpoint takes. */
export interface ListQuery {
  readonly conditions?: ConditionsInput;
  readonly childConditions?: ConditionsInput;
  readonly customFieldConditions?: ConditionsInput;
  readonly orderBy?: string;
  readonly fields?: string | readonly string[];
}

/** Options of `paginate()` / `collect()`. */
export interface PaginateOptions extends ListQuery {
  /** Rows per page, 1..1000 (ConnectWise's maximum); default 1000. */
  readonly pageSize?: number;
  /**
   * `page`: page numbers, following `Link rel="next"` when the server sends one.
   * `forward-only`: `pagination-type: forward-only` with `pageId` (id order, no orderBy).
   * Default `page`.
   */
  readonly mode?: "page" | "forward-only";
  readonly signal?: AbortSignal;
  /** Throttle queue priority of every page request; default `normal`. */
  readonly priority?: RequestPriority;
}

/** Options of `collect()`: map rows and stop early. */
export interface CollectOptions<T, R> extends PaginateOptions {
  readonly map?: (row: T) => R;
  /** Return true to stop after the current page. */
  readonly stop?: (rows: readonly R[]) => boolean;
  /** Stop after this many rows. */
  readonly limit?: number;
}

/** Octokit-style logger: pino or console fit. */
export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

/**
 * The kernel every facade and plugin is written against.
 * `createConnectWise(options)` returns this plus the resource facades.
 */
export interface ConnectWiseCore {
  request<T = unknown>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>;
  requestWithResponse<T = unknown>(
    method: HttpMethod,
    path: string,
    options?: RequestOptions,
  ): Promise<ConnectWiseResponse<T>>;
  /** Pages of rows, streamed; never holds more than one page. */
  paginate<T = unknown>(path: string, options?: PaginateOptions): AsyncIterableIterator<T[]>;
  /** All rows (optionally mapped, limited, or stopped early), built on `paginate`. */
  collect<T = unknown, R = T>(path: string, options?: CollectOptions<T, R>): Promise<R[]>;
  /** `GET {path}/count` with the same filters. */
  count(path: string, query?: ListQuery): Promise<number>;
  readonly log: Logger;
}
