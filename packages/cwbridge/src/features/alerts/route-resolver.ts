/**
 * Resolves routing names (board, type, subtype, item, priority) to ConnectWise ids and picks a
 * board's open / closed / duplicate statuses. Lookups are cached per connection in memory
 * (TTL 10 minutes) so a steady alert flow costs no setup reads.
 */
import type { ConnectWise } from "@cwbridge/connectwise";
import type { RoutedTarget, RouteTarget } from "../../domain/routing.js";
import type { AppContext } from "../../core/context.js";
import { AlertError } from "./errors.js";

/** How long setup lookups are cached. */
export const ROUTE_CACHE_TTL_MS = 10 * 60_000;

/** A named row of a setup table, as far as we read it. */
interface NamedRow {
  readonly id: number;
  readonly name?: string | null | undefined;
  readonly inactiveFlag?: boolean | null | undefined;
}

/** A board status, as far as we read it. */
export interface StatusRow {
  readonly id: number;
  readonly name?: string | null | undefined;
  readonly closedStatus?: boolean | null | undefined;
  readonly defaultFlag?: boolean | null | undefined;
  readonly inactive?: boolean | null | undefined;
  readonly sortOrder?: number | null | undefined;
}

/** A target with ids: what a ticket create needs (absent ids are left to ConnectWise). */
export interface ResolvedRoute {
  readonly boardId?: number;
  readonly statusId?: number;
  readonly typeId?: number;
  readonly subTypeId?: number;
  readonly itemId?: number;
  readonly priorityId?: number;
  readonly severity: RoutedTarget["severity"];
  readonly impact: RoutedTarget["impact"];
}

interface Cached<T> {
  readonly expires: number;
  readonly value: Promise<T>;
}

type ConnectionCache = Map<string, Cached<unknown>>;

const caches = new WeakMap<object, Map<string, ConnectionCache>>();

type Ctx = Pick<AppContext, "store" | "tenant" | "clients" | "clock">;

/** Cached per tenant too: a hit must never skip the client's refusal of another tenant's connection. */
function cacheKey(ctx: Pick<AppContext, "tenant">, connectionId: string): string {
  return `${ctx.tenant}\u0000${connectionId}`;
}

function connectionCache(ctx: Ctx, connectionId: string): ConnectionCache {
  let perStore = caches.get(ctx.store);
  if (perStore === undefined) {
    perStore = new Map();
    caches.set(ctx.store, perStore);
  }
  const key = cacheKey(ctx, connectionId);
  let cache = perStore.get(key);
  if (cache === undefined) {
    cache = new Map();
    perStore.set(key, cache);
  }
  return cache;
}

function cached<T>(
  ctx: Ctx,
  connectionId: string,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  const cache = connectionCache(ctx, connectionId);
  const now = ctx.clock.now().getTime();
  const hit = cache.get(key);
  if (hit !== undefined && hit.expires > now) return hit.value as Promise<T>;
  const value = load();
  cache.set(key, { expires: now + ROUTE_CACHE_TTL_MS, value });
  value.catch(() => cache.delete(key));
  return value;
}

/**
 * Forgets the cached setup of a connection (after a validation error or a settings change).
 *
 * @example
 * invalidateRouteCache(ctx, connectionId);
 */
export function invalidateRouteCache(
  ctx: Pick<AppContext, "store" | "tenant">,
  connectionId: string,
): void {
  caches.get(ctx.store)?.delete(cacheKey(ctx, connectionId));
}

/** The client lookups use: the caller's (so requests carry its job id), else a fresh one. */
async function client(ctx: Ctx, connectionId: string, cw?: ConnectWise): Promise<ConnectWise> {
  return cw ?? ctx.clients.forConnection(connectionId);
}

function sameName(a: string | null | undefined, b: string): boolean {
  return (a ?? "").trim().toLowerCase() === b.trim().toLowerCase();
}

function byName<T extends NamedRow>(rows: readonly T[], name: string, what: string): T {
  const active = rows.filter((row) => row.inactiveFlag !== true);
  const found =
    active.find((row) => sameName(row.name, name)) ?? rows.find((row) => sameName(row.name, name));
  if (found === undefined) {
    throw new AlertError(
      "CWB_ERR_ALERT_ROUTE_UNRESOLVED",
      `ConnectWise has no ${what} named '${name}'`,
    );
  }
  return found;
}

/**
 * The statuses of a board (cached).
 *
 * @example
 * const statuses = await boardStatuses(ctx, connectionId, 2);
 */
export function boardStatuses(
  ctx: Ctx,
  connectionId: string,
  boardId: number,
  cw?: ConnectWise,
): Promise<StatusRow[]> {
  return cached(ctx, connectionId, `statuses:${boardId}`, async () =>
    (await client(ctx, connectionId, cw)).service.boards.statuses(boardId).all(),
  );
}

function boards(ctx: Ctx, connectionId: string, cw?: ConnectWise): Promise<NamedRow[]> {
  return cached(ctx, connectionId, "boards", async () =>
    (await client(ctx, connectionId, cw)).service.boards.all(),
  );
}

function boardChildren(
  ctx: Ctx,
  connectionId: string,
  boardId: number,
  kind: "types" | "subtypes" | "items",
  cw?: ConnectWise,
): Promise<NamedRow[]> {
  return cached(ctx, connectionId, `${kind}:${boardId}`, async () =>
    (await client(ctx, connectionId, cw)).service.boards[kind](boardId).all(),
  );
}

function priorities(ctx: Ctx, connectionId: string, cw?: ConnectWise): Promise<NamedRow[]> {
  return cached(ctx, connectionId, "priorities", async () =>
    (await client(ctx, connectionId, cw)).service.priorities.all(),
  );
}

function usable(statuses: readonly StatusRow[]): StatusRow[] {
  return [...statuses]
    .filter((s) => s.inactive !== true)
    .sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0) || a.id - b.id);
}

/**
 * The open status new and reopened tickets get: the board's default status, else its first
 * open one. `undefined` when the board has no open status.
 *
 * @example
 * openStatusOf([{ id: 1, name: "New", defaultFlag: true }]) // { id: 1, … }
 */
export function openStatusOf(statuses: readonly StatusRow[]): StatusRow | undefined {
  const open = usable(statuses).filter((s) => s.closedStatus !== true);
  return open.find((s) => s.defaultFlag === true) ?? open[0];
}

/**
 * The closed status to close with: the configured name when the board has it, else one named
 * "Closed", else the first closed status. `undefined` when the board has none.
 *
 * @example
 * closedStatusOf(statuses, "Resolved by monitoring")?.id
 */
export function closedStatusOf(
  statuses: readonly StatusRow[],
  preferredName?: string,
): StatusRow | undefined {
  const closed = usable(statuses).filter((s) => s.closedStatus === true);
  const preferred =
    preferredName === undefined ? undefined : closed.find((s) => sameName(s.name, preferredName));
  return preferred ?? closed.find((s) => sameName(s.name, "Closed")) ?? closed[0];
}

/**
 * The closed status for duplicates: the configured name, else a closed status whose name
 * contains "duplicate", else {@link closedStatusOf}.
 *
 * @example
 * duplicateStatusOf(statuses)?.name // "Closed - Duplicate"
 */
export function duplicateStatusOf(
  statuses: readonly StatusRow[],
  preferredName?: string,
): StatusRow | undefined {
  const closed = usable(statuses).filter((s) => s.closedStatus === true);
  const preferred =
    preferredName === undefined ? undefined : closed.find((s) => sameName(s.name, preferredName));
  return (
    preferred ?? closed.find((s) => /duplicate/i.test(s.name ?? "")) ?? closedStatusOf(statuses)
  );
}

async function resolveBoardId(
  ctx: Ctx,
  connectionId: string,
  target: RouteTarget,
  cw: ConnectWise | undefined,
): Promise<number | undefined> {
  if (target.boardId !== undefined) return target.boardId;
  if (target.boardName === undefined) return undefined;
  return byName(await boards(ctx, connectionId, cw), target.boardName, "service board").id;
}

const CHILD_NAMES = { types: "type", subtypes: "subtype", items: "item" } as const;

function boardlessChild(what: string, name: string): AlertError {
  return new AlertError(
    "CWB_ERR_ALERT_ROUTE_INVALID",
    `${what} '${name}' is given without a board (a ${what} belongs to a service board: set boardName or boardId)`,
  );
}

/**
 * Throws `CWB_ERR_ALERT_ROUTE_INVALID` when a target names a type, subtype or item but no board
 * (checked without ConnectWise: such a target can never be resolved).
 *
 * @example
 * assertBoardForChildren({ typeName: "Incident" }); // throws
 */
export function assertBoardForChildren(target: RouteTarget): void {
  if (target.boardId !== undefined || target.boardName !== undefined) return;
  const children = { types: target.typeName, subtypes: target.subTypeName, items: target.itemName };
  for (const [kind, name] of Object.entries(children)) {
    if (name !== undefined) throw boardlessChild(CHILD_NAMES[kind as keyof typeof children], name);
  }
}

async function childId(
  ctx: Ctx,
  connectionId: string,
  boardId: number | undefined,
  kind: "types" | "subtypes" | "items",
  name: string | undefined,
  cw: ConnectWise | undefined,
): Promise<number | undefined> {
  if (name === undefined) return undefined;
  const what = CHILD_NAMES[kind];
  if (boardId === undefined) throw boardlessChild(what, name);
  return byName(
    await boardChildren(ctx, connectionId, boardId, kind, cw),
    name,
    `${what} on board ${boardId}`,
  ).id;
}

/**
 * Resolves a routed target's names to ids (cached): board by name, its default open status,
 * type/subtype/item on that board, priority by name. Names ConnectWise does not have →
 * `CWB_ERR_ALERT_ROUTE_UNRESOLVED`; a type, subtype or item without a board →
 * `CWB_ERR_ALERT_ROUTE_INVALID` (raised before any request). A board without an open status is
 * not an error here: the status is then left to ConnectWise.
 *
 * @example
 * const route = await resolveRouteTarget(ctx, connectionId, { boardName: "Monitoring Alerts", priorityName: "Priority 2 - High" });
 */
export async function resolveRouteTarget(
  ctx: Ctx,
  connectionId: string,
  target: RouteTarget,
  cw?: ConnectWise,
): Promise<ResolvedRoute> {
  const boardId = await resolveBoardId(ctx, connectionId, target, cw);
  const statusId =
    boardId === undefined
      ? undefined
      : openStatusOf(await boardStatuses(ctx, connectionId, boardId, cw))?.id;
  const typeId = await childId(ctx, connectionId, boardId, "types", target.typeName, cw);
  const subTypeId = await childId(ctx, connectionId, boardId, "subtypes", target.subTypeName, cw);
  const itemId = await childId(ctx, connectionId, boardId, "items", target.itemName, cw);
  const priorityId =
    target.priorityName === undefined
      ? undefined
      : byName(await priorities(ctx, connectionId, cw), target.priorityName, "priority").id;
  const ids = { boardId, statusId, typeId, subTypeId, itemId, priorityId };
  const defined = Object.fromEntries(Object.entries(ids).filter(([, v]) => v !== undefined));
  return { ...defined, severity: target.severity ?? "Medium", impact: target.impact ?? "Medium" };
}
