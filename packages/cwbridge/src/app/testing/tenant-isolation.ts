/**
 * Test-only: the shared setup of the tenant-isolation suites (issue #8, "Proof"). Tenant A is
 * the test app's own context (tenant `default`, with the emulator connection); tenant B is
 * another tenant on the same engine, store and emulator. {@link seedTwinTenant} gives B the
 * same names as A (a connection `emulator` to the same emulator, a source of A's source's
 * name), made through the features' own functions in B's context; {@link jobsOf} is the
 * queue's view of every tenant's jobs, so a suite can check that B's attempts enqueued nothing.
 */
import type { AppContext } from "../../core/context.js";
import { addConnection, enableConnection } from "../../features/connections/index.js";
import { addSource } from "../../features/sources/index.js";
import { emulatorConnectionInput, type TestApp } from "./test-app.js";

/** The second tenant of the isolation suites. */
export const OTHER_TENANT = "b";

/** Tenant A (the test app's context) and tenant B on the same engine. */
export interface TenantPair {
  readonly a: AppContext;
  readonly b: AppContext;
}

/**
 * The test app's context and `tenant`'s on the same engine.
 *
 * @example
 * const { a, b } = tenantPair(t);
 */
export function tenantPair(t: TestApp, tenant: string = OTHER_TENANT): TenantPair {
  return { a: t.ctx, b: t.engine.forTenant(tenant) };
}

/** Tenant B's world, with tenant A's names. */
export interface TenantTwin {
  readonly ctx: AppContext;
  readonly connectionId: string;
  readonly sourceId: string;
}

/** What {@link seedTwinTenant} makes in the other tenant. */
export interface TwinOptions {
  /** The source's name (A's source's, so the same name exists in both tenants). */
  readonly sourceName: string;
  readonly sourceKind?: string;
  /** Default {@link OTHER_TENANT}. */
  readonly tenant?: string;
  /** Whether the connection is enabled for writes, as the test app's is (default true). */
  readonly enabled?: boolean;
}

/**
 * Gives the other tenant an enabled connection named `emulator` (the test app's connection's
 * name) to the same emulator, and a source `sourceName` on it, through `addConnection`,
 * `enableConnection` and `addSource` in that tenant's context.
 *
 * @example
 * const b = await seedTwinTenant(t, { sourceName: "rmm" });
 * await callUseCase(b.ctx, cases.list, { sourceId: b.sourceId });
 */
export async function seedTwinTenant(t: TestApp, options: TwinOptions): Promise<TenantTwin> {
  const { b: ctx } = tenantPair(t, options.tenant);
  const connection = await addConnection(ctx, emulatorConnectionInput(t.emulator));
  if (options.enabled !== false) await enableConnection(ctx, connection.id);
  const { source } = await addSource(ctx, {
    name: options.sourceName,
    kind: options.sourceKind ?? "generic",
    connectionId: connection.id,
  });
  return { ctx, connectionId: connection.id, sourceId: source.id };
}

/** A job as the isolation suites compare them. */
export interface JobSnapshot {
  readonly id: string;
  readonly tenant: string;
  readonly kind: string;
  /** The payload as JSON (to look for an id in it). */
  readonly payload: string;
}

/**
 * Every unfinished job of every tenant, oldest first (the queue port's `listJobs`).
 *
 * @example
 * const before = await jobsOf(a);
 * await callUseCase(b, cases.map, input).catch(() => undefined);
 * expect(await jobsOf(a)).toEqual(before);
 */
export async function jobsOf(ctx: AppContext): Promise<JobSnapshot[]> {
  const jobs = await ctx.queue.listJobs();
  return jobs.map((j) => ({
    id: j.id,
    tenant: j.tenant,
    kind: j.kind,
    payload: JSON.stringify(j.payload),
  }));
}

/**
 * The value `promise` resolves to, or the error it rejects with (an attempt that may be
 * refused either way: the suite then checks what it left).
 *
 * @example
 * const run = await settle(callUseCase(b, cases.sync, { sourceId }));
 * if (run instanceof Error) expect(run).toMatchObject({ kind: "not_found" });
 */
export async function settle(promise: Promise<unknown>): Promise<unknown> {
  try {
    return await promise;
  } catch (error) {
    return error;
  }
}
