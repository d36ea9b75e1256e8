/**
 * A `ConnectWiseCore` stub for facade tests: records every (method, path, options) and
 * answers with canned data (records by id, lists elsewhere).
 */
import type {
  CollectOptions,
  ConnectWiseCore,
  ConnectWiseResponse,
  HttpMethod,
  ListQuery,
  PaginateOptions,
  RequestOptions,
} from "../types.js";

export interface RecordedCall {
  readonly kind: "request" | "paginate" | "collect" | "count";
  readonly method: HttpMethod;
  readonly path: string;
  readonly options: unknown;
}

export type Responder = (method: HttpMethod, path: string, options: RequestOptions) => unknown;

/** Records by id for `/…/{n}`, a one-row list for other GETs, echoes of bodies for writes. */
export const defaultResponder: Responder = (method, path, options) => {
  const last = path.split("/").at(-1) ?? "";
  if (method === "DELETE") return undefined;
  if (method === "GET" && last === "count") return { count: 1 };
  if (method === "GET" && /^\/system\/reports\/[^/]+$/i.test(path)) {
    return { column_definitions: [{ id: { type: "Numeric" } }], row_values: [[1]] };
  }
  if (method === "GET") return /^\d+$/.test(last) ? { id: Number(last) } : [{ id: 1 }];
  if (last === "search") return [{ id: 1 }];
  const body = options.body;
  return typeof body === "object" && body !== null && !Array.isArray(body)
    ? { id: 99, ...body }
    : { id: /^\d+$/.test(last) ? Number(last) : 99 };
};

/** A recording core; `pages` is what `paginate`/`collect` yield (default one page of `[{id:1}]`). */
export function recordingCore(
  respond: Responder = defaultResponder,
  pages: readonly unknown[][] = [[{ id: 1 }]],
): { core: ConnectWiseCore; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const noop = (): void => undefined;
  const core: ConnectWiseCore = {
    async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}) {
      calls.push({ kind: "request", method, path, options });
      return respond(method, path, options) as T;
    },
    async requestWithResponse<T>(method: HttpMethod, path: string, options: RequestOptions = {}) {
      calls.push({ kind: "request", method, path, options });
      const data = respond(method, path, options) as T;
      const response: ConnectWiseResponse<T> = {
        status: 200,
        headers: new Headers(),
        data,
        url: path,
      };
      return response;
    },
    async *paginate<T>(path: string, options: PaginateOptions = {}) {
      calls.push({ kind: "paginate", method: "GET", path, options });
      for (const page of pages) yield page as T[];
    },
    async collect<T, R>(path: string, options: CollectOptions<T, R> = {}) {
      calls.push({ kind: "collect", method: "GET", path, options });
      const rows = pages.flat() as T[];
      const mapped = options.map ? rows.map(options.map) : (rows as unknown as R[]);
      return options.limit === undefined ? mapped : mapped.slice(0, options.limit);
    },
    async count(path: string, query: ListQuery = {}) {
      calls.push({ kind: "count", method: "GET", path: `${path}/count`, options: query });
      return 3;
    },
    log: { debug: noop, info: noop, warn: noop, error: noop },
  };
  return { core, calls };
}
