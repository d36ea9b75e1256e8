/**
 * Configuration types and statuses by name → ConnectWise id, cached in `config_types`.
 * A cache miss reads the whole list once (pageSize 1000, `fields=id,name`); a name still
 * missing is created on demand (when allowed). Concurrent creates in this process share one
 * request; a create that fails (e.g. another process created the same name first) is followed
 * by a fresh read, and the lowest id wins when a name exists twice.
 */
import type { ConnectWise } from "@cwbridge/connectwise";
import type { AppContext } from "../../core/context.js";
import type { ConfigTypeKind } from "../../store/schema.js";
import { cacheConfigIds, cachedConfigIds } from "./config-type-repository.js";

/** Whether missing names may be created (a sync: yes; a plan: no). */
export interface LookupOptions {
  readonly create: boolean;
}

/** name (lower-case) → id. */
export type IdsByName = Map<string, number>;

const inFlight = new Map<string, Promise<number | undefined>>();
const listing = new Map<string, Promise<[string, number][]>>();

/** One list read per (client, kind) at a time: concurrent partitions share it. */
function readAllShared(
  cw: ConnectWise,
  connectionId: string,
  kind: ConfigTypeKind,
): Promise<[string, number][]> {
  const key = `${connectionId}\u0000${kind}`;
  let pending = listing.get(key);
  if (pending === undefined) {
    pending = readAll(cw, kind).finally(() => listing.delete(key));
    listing.set(key, pending);
  }
  return pending;
}

async function readAll(cw: ConnectWise, kind: ConfigTypeKind): Promise<[string, number][]> {
  const rows =
    kind === "type"
      ? (await cw.configurations.types.all({ fields: ["id", "name"], pageSize: 1000 })).map(
          (t) => [t.name ?? "", t.id] as const,
        )
      : (
          await cw.configurations.statuses.all({ fields: ["id", "description"], pageSize: 1000 })
        ).map((s) => [s.description ?? "", s.id] as const);
  const lowest = new Map<string, [string, number]>();
  for (const [name, id] of rows) {
    if (name === "") continue;
    const key = name.toLowerCase();
    const seen = lowest.get(key);
    if (seen === undefined || id < seen[1]) lowest.set(key, [name, id]);
  }
  return [...lowest.values()];
}

async function createOne(
  ctx: AppContext,
  cw: ConnectWise,
  connectionId: string,
  kind: ConfigTypeKind,
  name: string,
): Promise<number | undefined> {
  try {
    const created =
      kind === "type"
        ? await cw.configurations.types.create({ name })
        : await cw.configurations.statuses.create({ description: name });
    await cacheConfigIds(ctx.scope.db, connectionId, kind, [[name, created.id]]);
    return created.id;
  } catch (error) {
    // Another writer may have created it (conflict / duplicate name): look again.
    const again = await readAll(cw, kind);
    await cacheConfigIds(ctx.scope.db, connectionId, kind, again);
    const found = again.find(([n]) => n.toLowerCase() === name.toLowerCase());
    if (found !== undefined) return found[1];
    throw error;
  }
}

function ensureCreated(
  ctx: AppContext,
  cw: ConnectWise,
  connectionId: string,
  kind: ConfigTypeKind,
  name: string,
): Promise<number | undefined> {
  const key = `${connectionId}\u0000${kind}\u0000${name.toLowerCase()}`;
  let pending = inFlight.get(key);
  if (pending === undefined) {
    pending = createOne(ctx, cw, connectionId, kind, name).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

/**
 * Resolves names (types: `name`; statuses: `description`) to ids; names that cannot be
 * resolved (plan mode, or not creatable) are absent from the result.
 *
 * @example
 * const types = await resolveConfigIds(ctx, cw, connectionId, "type", ["Managed Workstation"], { create: true });
 * types.get("managed workstation") // 1
 */
export async function resolveConfigIds(
  ctx: AppContext,
  cw: ConnectWise,
  connectionId: string,
  kind: ConfigTypeKind,
  names: Iterable<string>,
  options: LookupOptions,
): Promise<IdsByName> {
  const wanted = new Map<string, string>();
  for (const name of names) wanted.set(name.toLowerCase(), name);
  const ids = await cachedConfigIds(ctx.scope.db, connectionId, kind);
  const missing = () => [...wanted.keys()].filter((key) => !ids.has(key));
  if (missing().length === 0) return ids;
  const listed = await readAllShared(cw, connectionId, kind);
  await cacheConfigIds(ctx.scope.db, connectionId, kind, listed);
  for (const [name, id] of listed) ids.set(name.toLowerCase(), id);
  if (!options.create) return ids;
  for (const key of missing()) {
    const id = await ensureCreated(ctx, cw, connectionId, kind, wanted.get(key) ?? key);
    if (id !== undefined) ids.set(key, id);
  }
  return ids;
}
