/**
 * The generic REST collection behind every facade: list / iterate / all / count / get and
 * create / update / patch / delete on one ConnectWise path. Facades pick the operations the
 * spec has for that path, so they stay thin.
 */
import { callAsync } from "../call-async.js";
import { listQueryParams } from "../paginate.js";
import type { PatchOperation } from "../patch.js";
import type {
  CollectOptions,
  ConnectWiseCore,
  ListQuery,
  PaginateOptions,
  RequestPriority,
} from "../types.js";
import { itemPath } from "./paths.js";
import type { ResourceSchemaName, ResponseValidator } from "./validation.js";

/** What every facade is built from: the kernel and the response validator. */
export interface ResourceContext {
  readonly core: ConnectWiseCore;
  readonly validate: ResponseValidator;
}

/** Per-call options of single requests. */
export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly priority?: RequestPriority;
}

/** Options of `get`: a partial response with `fields` (`["id", "status/name"]`). */
export interface GetOptions extends CallOptions {
  readonly fields?: string | readonly string[];
}

/** Options of `list` (one page): the list filters plus `page` (from 1) and `pageSize` (≤1000). */
export interface ListOptions extends ListQuery, CallOptions {
  readonly page?: number;
  readonly pageSize?: number;
}

/** Read operations of a collection. */
export interface ReadOperations<T> {
  /** One page of rows (`GET path?page=&pageSize=`; ConnectWise's default page size is 25). */
  list(options?: ListOptions): Promise<T[]>;
  /** Pages of rows, streamed (`core.paginate`), never more than one page in memory. */
  iterate(options?: PaginateOptions): AsyncIterableIterator<T[]>;
  /** Every row (optionally mapped, limited or stopped early) via `core.collect`. */
  all<R = T>(options?: CollectOptions<T, R>): Promise<R[]>;
  /** `GET path/count` with the same filters. */
  count(query?: ListQuery): Promise<number>;
  /** One record by id. */
  get(id: number, options?: GetOptions): Promise<T>;
}

/** Write operations of a collection; `C` is the create/replace body. */
export interface WriteOperations<T, C> {
  /** `POST path` → the created record (201). */
  create(body: C, options?: CallOptions): Promise<T>;
  /** `PUT path/id`: replaces the whole record; omitted fields are reset. */
  update(id: number, body: C, options?: CallOptions): Promise<T>;
  /** `PATCH path/id` with JSON-patch operations on top-level fields. */
  patch(id: number, operations: readonly PatchOperation[], options?: CallOptions): Promise<T>;
  /** `DELETE path/id` (204). */
  delete(id: number, options?: CallOptions): Promise<void>;
}

/** Every operation of a collection. */
export type Collection<T, C> = ReadOperations<T> & WriteOperations<T, C>;

function callOptions(options: CallOptions | undefined): CallOptions {
  if (options === undefined) return {};
  const { signal, priority } = options;
  return {
    ...(signal === undefined ? {} : { signal }),
    ...(priority === undefined ? {} : { priority }),
  };
}

function fieldsParam(fields: string | readonly string[] | undefined): string | undefined {
  return typeof fields === "string" || fields === undefined ? fields : fields.join(",");
}

/**
 * Validates one entity (`T` is the facade's promise about the shape; see `ResourceOptions`).
 *
 * @example
 * const ticket = validated<Ticket>(ctx, "Ticket", data);
 */
export function validated<T>(ctx: ResourceContext, name: ResourceSchemaName, data: unknown): T {
  return ctx.validate(name, data) as T;
}

/**
 * Validates each row of a list response.
 *
 * @example
 * const rows = validatedRows<Ticket>(ctx, "Ticket", await core.request("GET", "/service/tickets"));
 */
export function validatedRows<T>(
  ctx: ResourceContext,
  name: ResourceSchemaName,
  data: unknown,
): T[] {
  const rows = Array.isArray(data) ? (data as unknown[]) : [];
  return rows.map((row) => validated<T>(ctx, name, row));
}

async function* validatedPages<T>(
  ctx: ResourceContext,
  name: ResourceSchemaName,
  pages: AsyncIterable<unknown[]>,
): AsyncGenerator<T[], void, undefined> {
  for await (const page of pages) yield validatedRows<T>(ctx, name, page);
}

/**
 * The read operations of `path`, whose rows are the schema `name`.
 *
 * @example
 * const boards = readOperations<Board>(ctx, "/service/boards", "Board");
 * const page = await boards.list({ conditions: "inactiveFlag = false", pageSize: 100 });
 */
export function readOperations<T>(
  ctx: ResourceContext,
  path: string,
  name: ResourceSchemaName,
): ReadOperations<T> {
  const { core } = ctx;
  // Not `async`: one `then` for validation and no extra `await` layer (the hot path of `get`).
  const getOne = (id: number, options: GetOptions): Promise<T> =>
    core
      .request<unknown>(
        "GET",
        itemPath(path, id),
        Object.assign(callOptions(options), { query: { fields: fieldsParam(options.fields) } }),
      )
      .then((data) => validated<T>(ctx, name, data));
  return {
    async list(options = {}) {
      const { page, pageSize, signal: _signal, priority: _priority, ...query } = options;
      const data = await core.request<unknown>("GET", path, {
        ...callOptions(options),
        query: { ...listQueryParams(query), page, pageSize },
      });
      return validatedRows<T>(ctx, name, data);
    },
    iterate(options = {}) {
      return validatedPages<T>(ctx, name, core.paginate<unknown>(path, options));
    },
    async all<R = T>(options: CollectOptions<T, R> = {}) {
      const { map, ...rest } = options;
      const toRow = (row: unknown): R => {
        const entity = validated<T>(ctx, name, row);
        return map ? map(entity) : (entity as unknown as R);
      };
      return core.collect<unknown, R>(path, { ...rest, map: toRow });
    },
    count(query = {}) {
      return core.count(path, query);
    },
    get(id, options = {}) {
      return callAsync(getOne, id, options);
    },
  };
}

/**
 * The write operations of `path` (bodies of type `C`, responses the schema `name`).
 *
 * @example
 * const callbacks = writeOperations<CallbackEntry, CallbackEntryCreate>(ctx, "/system/callbacks", "CallbackEntry");
 * await callbacks.patch(3, [{ op: "replace", path: "inactiveFlag", value: true }]);
 */
export function writeOperations<T, C>(
  ctx: ResourceContext,
  path: string,
  name: ResourceSchemaName,
): WriteOperations<T, C> {
  const { core } = ctx;
  return {
    async create(body, options) {
      const data = await core.request<unknown>("POST", path, { ...callOptions(options), body });
      return validated<T>(ctx, name, data);
    },
    async update(id, body, options) {
      const data = await core.request<unknown>("PUT", itemPath(path, id), {
        ...callOptions(options),
        body,
      });
      return validated<T>(ctx, name, data);
    },
    async patch(id, operations, options) {
      const data = await core.request<unknown>("PATCH", itemPath(path, id), {
        ...callOptions(options),
        body: operations,
      });
      return validated<T>(ctx, name, data);
    },
    async delete(id, options) {
      await core.request<unknown>("DELETE", itemPath(path, id), callOptions(options));
    },
  };
}

/**
 * Every operation of `path`; facades pick the ones the spec has.
 *
 * @example
 * const tickets = collection<Ticket, TicketCreate>(ctx, "/service/tickets", "Ticket");
 */
export function collection<T, C>(
  ctx: ResourceContext,
  path: string,
  name: ResourceSchemaName,
): Collection<T, C> {
  return { ...readOperations<T>(ctx, path, name), ...writeOperations<T, C>(ctx, path, name) };
}

/**
 * The named members of an object (facades expose only the operations the spec has).
 *
 * @example
 * pick(collection(ctx, "/system/apiMembers", "ApiMember"), ["list", "get"]);
 */
export function pick<O extends object, K extends keyof O>(
  source: O,
  keys: readonly K[],
): Pick<O, K> {
  const picked = {} as Pick<O, K>;
  for (const key of keys) picked[key] = source[key];
  return picked;
}
