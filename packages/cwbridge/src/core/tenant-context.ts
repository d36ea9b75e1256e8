/**
 * A context for one tenant: the same store, queue, keyring and clients, with `tenant`, the
 * tenant-scoped `scope`, a queue that stamps the tenant on every job it enqueues, and clients
 * that refuse another tenant's connection.
 */
import type { JobQueue, JobSpec } from "../queue/port.js";
import type { StoreTx } from "../store/open-store.js";
import { tenantScope } from "../store/tenant-scope.js";
import type { AppContext, ClientProvider } from "./context.js";
import { DEFAULT_TENANT } from "./tenant.js";

/** What a context shares across tenants (built once by `openApp`). */
export type BaseContext = Omit<AppContext, "tenant" | "scope">;

const bases = new WeakMap<AppContext, BaseContext>();

function tenantQueue(queue: JobQueue, tenant: string): JobQueue {
  const enqueue = (job: JobSpec, tx?: StoreTx): Promise<string> =>
    queue.enqueue({ ...job, tenant: job.tenant ?? tenant }, tx);
  return delegate(queue, "enqueue", enqueue);
}

function tenantClients(clients: ClientProvider, tenant: string): ClientProvider {
  const forConnection: ClientProvider["forConnection"] = (connectionId, options = {}) =>
    clients.forConnection(connectionId, { ...options, tenant });
  return delegate(clients, "forConnection", forConnection);
}

/** `target` with one method replaced; every other member bound to `target` (private fields). */
function delegate<T extends object>(target: T, name: keyof T, replacement: unknown): T {
  return new Proxy(target, {
    get(object, property) {
      if (property === name) return replacement;
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === "function" ? (value as () => unknown).bind(object) : value;
    },
  });
}

/**
 * The context of `base` for `tenant` (the keyring getter and everything else shared).
 *
 * @example
 * const ctx = contextFor(base, "acme");
 */
export function contextFor(base: BaseContext, tenant: string = DEFAULT_TENANT): AppContext {
  // A plain object (so `{ ...ctx, store: other }` keeps every member), copying the base's own
  // property descriptors so the keyring stays a getter (a rotation is seen by every tenant).
  const ctx = Object.defineProperties(
    {},
    {
      ...Object.getOwnPropertyDescriptors(base),
      tenant: { value: tenant, enumerable: true },
      scope: { value: tenantScope(base.store, tenant), enumerable: true },
      queue: { value: tenantQueue(base.queue, tenant), enumerable: true },
      clients: { value: tenantClients(base.clients, tenant), enumerable: true },
    },
  ) as AppContext;
  bases.set(ctx, base);
  return ctx;
}

/**
 * The same context for another tenant (jobs run in their own tenant's context).
 *
 * @example
 * const acme = withTenant(app.ctx, "acme");
 * await listConnections(acme); // acme's connections only
 */
export function withTenant(ctx: AppContext, tenant: string): AppContext {
  if (ctx.tenant === tenant) return ctx;
  const base = bases.get(ctx);
  if (base === undefined) throw new Error("withTenant: not a context built by contextFor");
  return contextFor(base, tenant);
}

/**
 * The shared part of a context (the keyring cell is registered on it).
 *
 * @example
 * registerKeyringSetter(baseOf(ctx), setter);
 */
export function baseOf(ctx: BaseContext): BaseContext {
  return bases.get(ctx as AppContext) ?? ctx;
}
