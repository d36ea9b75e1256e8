/**
 * GET list, GET /count and GET /{id} of a resource; also the body of `POST /service/tickets/search`.
 * Filters run over the stored rows; only the page is copied.
 */
import type { ApiScope } from "./api-scope.js";
import { badRequest, recordNotFound } from "./errors.js";
import { refId } from "./hooks/hook-utils.js";
import { buildFilter, buildSort, type FilterParams } from "./list-query.js";
import { sortRows } from "./order-by.js";
import { forwardLink, navigableLink, readPaging } from "./pagination.js";
import { presentRows } from "./presenter.js";
import type { ResourceDef } from "./resource-def.js";
import type { Reply } from "./responses.js";
import { TABLE_META } from "./table-meta.js";
import type { Entity } from "./types.js";

/** Whether a first path segment names a field of the resource (declared or present). */
export function knownFields(scope: ApiScope, def: ResourceDef): (first: string) => boolean {
  const names = new Set(["id", "_info", ...def.fields.map((f) => f.name.toLowerCase())]);
  const sample = scope.state.store.table(def.table).rows[0];
  if (sample) for (const key of Object.keys(sample)) names.add(key.toLowerCase());
  return (first) => names.has(first.toLowerCase());
}

function belongs(def: ResourceDef, row: Entity, parentId: number | undefined): boolean {
  if (!def.parent || parentId === undefined) return true;
  const link = row[def.parent.field];
  return def.parent.style === "ref" ? refId(link) === parentId : link === parentId;
}

/** Throws 404 when the parent record of a child resource does not exist. */
export function requireParent(
  scope: ApiScope,
  def: ResourceDef,
  parentId: number | undefined,
): void {
  if (!def.parent || parentId === undefined) return;
  if (!scope.state.store.get(def.parent.table, parentId)) {
    throw recordNotFound(TABLE_META[def.parent.table].label, parentId);
  }
}

/** The stored row addressed by `id` under `parentId`; 404 otherwise. */
export function findRow(
  scope: ApiScope,
  def: ResourceDef,
  parentId: number | undefined,
  id: number | string,
): Entity {
  requireParent(scope, def, parentId);
  const { store } = scope.state;
  const row =
    typeof id === "number"
      ? store.get(def.table, id)
      : store
          .table(def.table)
          .rows.find((r) => String(r["identifier"]).toLowerCase() === id.toLowerCase());
  if (!row || !belongs(def, row, parentId)) throw recordNotFound(def.resource, id);
  return row;
}

function matching(
  scope: ApiScope,
  def: ResourceDef,
  parentId: number | undefined,
  params: FilterParams,
): Entity[] {
  requireParent(scope, def, parentId);
  const known = knownFields(scope, def);
  const filter = buildFilter(params, def.resource, known);
  const rows = scope.state.store.table(def.table).rows;
  if (!def.parent || parentId === undefined) return filter ? rows.filter(filter) : rows;
  return rows.filter((row) => belongs(def, row, parentId) && (!filter || filter(row)));
}

function isForwardOnly(scope: ApiScope): boolean {
  return scope.headers.get("pagination-type")?.trim().toLowerCase() === "forward-only";
}

function forwardOnlyPage(
  scope: ApiScope,
  def: ResourceDef,
  rows: readonly Entity[],
  params: FilterParams,
): Reply {
  if (params.orderBy?.trim())
    throw badRequest("orderBy is not supported with forward-only pagination.");
  const paging = readPaging(scope.query, true);
  const after = paging.pageId ?? 0;
  const page: Entity[] = [];
  for (const row of rows) {
    if (row.id <= after) continue;
    page.push(row);
    if (page.length >= paging.pageSize) break;
  }
  const link = forwardLink(scope.url, paging, page.at(-1)?.id);
  return { status: 200, body: presentRows(scope, def, page), headers: { link }, rows: page.length };
}

/**
 * A list page with `Link` header (navigable or forward-only).
 *
 * @example
 * listReply(scope, ticketDef, undefined, { conditions: 'summary contains "disk"' });
 */
export function listReply(
  scope: ApiScope,
  def: ResourceDef,
  parentId: number | undefined,
  params: FilterParams,
): Reply {
  const rows = matching(scope, def, parentId, params);
  if (isForwardOnly(scope)) return forwardOnlyPage(scope, def, rows, params);
  const paging = readPaging(scope.query, false);
  const sorted = params.orderBy?.trim()
    ? sortRows(rows, buildSort(params.orderBy, def.resource, knownFields(scope, def)))
    : rows;
  const start = (paging.page - 1) * paging.pageSize;
  const page = sorted.slice(start, start + paging.pageSize);
  const link = navigableLink(scope.url, paging, sorted.length);
  return { status: 200, body: presentRows(scope, def, page), headers: { link }, rows: page.length };
}

/** `{"count": n}` with the same filters. */
export function countReply(
  scope: ApiScope,
  def: ResourceDef,
  parentId: number | undefined,
  params: FilterParams,
): Reply {
  return { status: 200, body: { count: matching(scope, def, parentId, params).length } };
}

/** One record. */
export function getReply(
  scope: ApiScope,
  def: ResourceDef,
  parentId: number | undefined,
  id: number | string,
): Reply {
  const row = findRow(scope, def, parentId, id);
  const [body] = presentRows(scope, def, [row]);
  return { status: 200, body, rows: 1 };
}
