/**
 * Pagination as an async iterator of pages (page numbers following `Link rel="next"`, or
 * forward-only with `pageId`), `collect()` on top of it, and `count()`.
 */
import {
  ConnectWiseConfigError,
  ConnectWisePaginationError,
  ConnectWiseRequestError,
} from "./errors.js";
import { nextLinkParams } from "./link-header.js";
import type { QueryInput } from "./request.js";
import type {
  CollectOptions,
  ConnectWiseCore,
  ConnectWiseResponse,
  ListQuery,
  PaginateOptions,
  RequestOptions,
} from "./types.js";

/** What pagination needs from the kernel. */
export type PagingCore = Pick<ConnectWiseCore, "requestWithResponse">;

/** ConnectWise's page size limit. */
export const MAX_PAGE_SIZE = 1000;

/**
 * The list query parameters of a `ListQuery` (conditions stay ASTs; printed when encoded).
 *
 * @example
 * listQueryParams({ conditions: "id > 5", fields: ["id", "name"] }); // { conditions: "id > 5", fields: "id,name" }
 */
export function listQueryParams(query: ListQuery): Record<string, QueryInput[string]> {
  const { conditions, childConditions, customFieldConditions, orderBy, fields } = query;
  return {
    conditions,
    childConditions,
    customFieldConditions,
    orderBy,
    fields: typeof fields === "string" || fields === undefined ? fields : fields.join(","),
  };
}

/**
 * Pages of rows, fetched one at a time as you iterate.
 *
 * @example
 * for await (const page of paginate(core, "/company/companies", { conditions: "deletedFlag = false" })) {
 *   console.log(page.length);
 * }
 */
export function paginate<T = unknown>(
  core: PagingCore,
  path: string,
  options: PaginateOptions = {},
): AsyncGenerator<T[], void, undefined> {
  const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new ConnectWiseConfigError(
      `paginate: pageSize must be an integer 1..${MAX_PAGE_SIZE} (got ${pageSize}).`,
    );
  }
  if (options.mode === "forward-only") {
    if (options.orderBy !== undefined) {
      throw new ConnectWiseConfigError(
        "paginate: forward-only paging is always in id order; drop orderBy.",
      );
    }
    return forwardOnlyPages<T>(core, path, { ...options, pageSize });
  }
  return numberedPages<T>(core, path, { ...options, pageSize });
}

type Paging = PaginateOptions & { readonly pageSize: number };

function callOptions(options: Paging, extra: Record<string, QueryInput[string]>): RequestOptions {
  return {
    query: { ...listQueryParams(options), pageSize: options.pageSize, ...extra },
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.priority === undefined ? {} : { priority: options.priority }),
  };
}

async function* numberedPages<T>(
  core: PagingCore,
  path: string,
  options: Paging,
): AsyncGenerator<T[], void, undefined> {
  let page = 1;
  for (;;) {
    const response = await core.requestWithResponse<unknown>(
      "GET",
      path,
      callOptions(options, { page }),
    );
    const rows = rowsOf<T>(response);
    if (rows.length === 0) return;
    yield rows;
    const link = response.headers.get("link");
    let nextPage = page + 1;
    if (link) {
      const next = nextLinkParams(link);
      nextPage = Number(next?.get("page"));
      if (!(nextPage > page)) return;
    } else if (rows.length < options.pageSize) {
      return;
    }
    page = nextPage;
  }
}

async function* forwardOnlyPages<T>(
  core: PagingCore,
  path: string,
  options: Paging,
): AsyncGenerator<T[], void, undefined> {
  let pageId: number | undefined;
  for (;;) {
    const request = callOptions(options, pageId === undefined ? {} : { pageId });
    const response = await core.requestWithResponse<unknown>("GET", path, {
      ...request,
      headers: { "pagination-type": "forward-only" },
    });
    const rows = rowsOf<T>(response);
    if (rows.length === 0) return;
    yield rows;
    const link = response.headers.get("link");
    const next = nextLinkParams(link);
    if (rows.length < options.pageSize || (link && !next)) return;
    const nextId = Number(next?.get("pageId") ?? lastId(rows));
    if (!Number.isFinite(nextId) || (pageId !== undefined && nextId <= pageId)) {
      throw new ConnectWisePaginationError({
        message: `forward-only paging of ${path} made no progress (pageId ${pageId ?? "none"} → ${nextId}); the endpoint may not support it.`,
        request: { method: "GET", url: response.url },
      });
    }
    pageId = nextId;
  }
}

function rowsOf<T>(response: ConnectWiseResponse<unknown>): T[] {
  if (Array.isArray(response.data)) return response.data as T[];
  throw new ConnectWisePaginationError({
    message: `expected a JSON array from ${response.url}, got ${typeof response.data}`,
    request: { method: "GET", url: response.url },
    status: response.status,
  });
}

function lastId(rows: readonly unknown[]): unknown {
  const last = rows.at(-1);
  return typeof last === "object" && last !== null && "id" in last ? last.id : undefined;
}

/**
 * All rows, optionally mapped, limited, or stopped early; streams page by page underneath.
 *
 * @example
 * const names = await collect(core, "/company/companies", { map: (c: { name: string }) => c.name, limit: 50 });
 */
export async function collect<T = unknown, R = T>(
  core: PagingCore,
  path: string,
  options: CollectOptions<T, R> = {},
): Promise<R[]> {
  const { map, stop, limit, ...paging } = options;
  const rows: R[] = [];
  if (limit !== undefined && limit <= 0) return rows;
  const pageSize = paging.pageSize ?? Math.min(MAX_PAGE_SIZE, limit ?? MAX_PAGE_SIZE);
  for await (const page of paginate<T>(core, path, { ...paging, pageSize })) {
    const mapped = map ? page.map(map) : (page as unknown as R[]);
    for (const row of mapped) {
      rows.push(row);
      if (limit !== undefined && rows.length >= limit) return rows;
    }
    if (stop?.(mapped)) break;
  }
  return rows;
}

/**
 * `GET {path}/count` with the same filters; ConnectWise answers `{ "count": n }`.
 *
 * @example
 * const open = await count(core, "/service/tickets", { conditions: "closedFlag = false" });
 */
export async function count(
  core: PagingCore,
  path: string,
  query: ListQuery = {},
): Promise<number> {
  const { conditions, childConditions, customFieldConditions } = query;
  const countPath = `${path.replace(/\/+$/, "")}/count`;
  const response = await core.requestWithResponse<unknown>("GET", countPath, {
    query: { conditions, childConditions, customFieldConditions },
  });
  const value =
    typeof response.data === "object" && response.data !== null && "count" in response.data
      ? response.data.count
      : undefined;
  if (typeof value !== "number") {
    throw new ConnectWiseRequestError({
      message: `${countPath} did not return { count }`,
      request: { method: "GET", url: response.url },
      status: response.status,
    });
  }
  return value;
}
