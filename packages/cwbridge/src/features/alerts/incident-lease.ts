/**
 * One operation in flight per incident: a lease row in `kv` (`alerts:lease:<key>`) held while
 * a job (or the reconcile sweep) writes an incident's ticket. Works the same on every queue
 * adapter, so no per-incident queue names are needed (graphile-worker warns against
 * high-cardinality queue names).
 *
 * The lease records its owner (the job, and the process: host key + pid, as the events log's
 * `sending` rows do, see `store/request-log-owner.ts`) and is kept alive by a heartbeat: the
 * holder renews it every {@link LEASE_RENEW_MS} to {@link LEASE_TTL_MS} from now. Anyone may
 * take it over when
 *
 * 1. its owner is a process of this host key other than the caller, and that pid is gone
 *    (`ESRCH`): at once, so a restarted engine carries on where the killed one stopped; or
 * 2. its heartbeat stopped (`until` has passed): an owner on another host, a reused pid, or a
 *    lease written before owners were recorded. Within {@link LEASE_TTL_MS}.
 *
 * The same job re-run in the same process takes its own lease back at once. A holder whose
 * renewal finds the lease taken stops before its next step (`lost()`).
 *
 * Lease writes are relaxed transactions (no wait for the disk): a lease only matters while
 * its holder runs, and a power cut that could lose one stops the holder too. `until` is the
 * holder's engine clock; hosts sharing a PostgreSQL store must keep their clocks within a few
 * seconds (NTP), far below the TTL.
 */
import { z } from "zod";
import type { AppContext } from "../../core/context.js";
import { currentOwner, isPidAlive, type RequestOwner } from "../../store/request-log-owner.js";
import type { TenantDb, TenantScope } from "../../store/tenant-scope.js";
import { canLockRows } from "./incident-repository.js";
import { deleteKvIfValue, getKv, insertKvIfAbsent, updateKv } from "../../store/kv.js";

/** How long a lease lasts without a heartbeat. */
export const LEASE_TTL_MS = 30_000;

/** How often a holder renews its lease. */
export const LEASE_RENEW_MS = 10_000;

const leaseSchema = z.object({
  owner: z.string(),
  until: z.number(),
  host: z.string().optional(),
  pid: z.number().int().optional(),
});

/** A lease as stored (`host`/`pid` are missing on leases written before they were recorded). */
export type StoredLease = z.output<typeof leaseSchema>;

/** Who asks for a lease, and how to tell whether a pid of this host is running. */
export interface LeaseClaim {
  readonly owner: string;
  readonly self: RequestOwner;
  readonly isPidAlive: (pid: number) => boolean;
}

const RELAXED = { durability: "relaxed" } as const;

function leaseKey(incidentKey: string): string {
  return `alerts:lease:${incidentKey}`;
}

function parseLease(value: string): StoredLease | undefined {
  try {
    const parsed = leaseSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function heldBySelf(held: StoredLease, self: RequestOwner): boolean {
  return held.host === self.host && held.pid === self.pid;
}

/**
 * Whether `claim` may take the lease `held` at `nowMs` (pure; see the module comment).
 *
 * @example
 * isLeaseFree(held, { owner: "job:7", self: currentOwner(), isPidAlive }, Date.now()) // true when its pid is gone
 */
export function isLeaseFree(
  held: StoredLease | undefined,
  claim: LeaseClaim,
  nowMs: number,
): boolean {
  if (held === undefined || held.until <= nowMs) return true;
  const mine = heldBySelf(held, claim.self);
  if (held.owner === claim.owner && (mine || held.host === undefined)) return true;
  if (mine || held.host !== claim.self.host || held.pid === undefined) return false;
  return !claim.isPidAlive(held.pid);
}

/** Whether `owner` holds this lease from this very process (not a namesake elsewhere). */
function isHeldHere(held: StoredLease, owner: string): boolean {
  return held.owner === owner && heldBySelf(held, currentOwner());
}

/** The lease stored under `key`, its row locked for the transaction where the dialect can. */
async function readLeaseForUpdate(
  scope: TenantScope,
  tx: TenantDb,
  key: string,
): Promise<StoredLease | undefined> {
  const value = await getKv(tx, key, { lock: canLockRows(scope) });
  return value === undefined ? undefined : parseLease(value);
}

function claimOf(owner: string): LeaseClaim {
  return { owner, self: currentOwner(), isPidAlive };
}

function leaseValue(owner: string, nowMs: number, ttlMs: number): string {
  const { host, pid } = currentOwner();
  return JSON.stringify({ owner, until: nowMs + ttlMs, host, pid });
}

/**
 * Takes the lease of an incident. Returns false while another live owner holds it.
 *
 * @example
 * if (!(await acquireIncidentLease(ctx.scope, key, `job:${job.id}`, Date.now()))) return reschedule();
 */
export async function acquireIncidentLease(
  scope: TenantScope,
  incidentKey: string,
  owner: string,
  nowMs: number,
  ttlMs: number = LEASE_TTL_MS,
): Promise<boolean> {
  const key = leaseKey(incidentKey);
  const value = leaseValue(owner, nowMs, ttlMs);
  return scope.transaction(async (tx) => {
    if (await insertKvIfAbsent(tx, key, value)) return true;
    const held = await readLeaseForUpdate(scope, tx, key);
    if (!isLeaseFree(held, claimOf(owner), nowMs)) return false;
    await updateKv(tx, key, value);
    return true;
  }, RELAXED);
}

/**
 * Extends the lease to `nowMs + ttlMs` if this process still holds it for `owner`; false when
 * it is gone or someone else took it over (the holder must stop).
 *
 * @example
 * if (!(await renewIncidentLease(ctx.scope, key, owner, Date.now()))) stop();
 */
export async function renewIncidentLease(
  scope: TenantScope,
  incidentKey: string,
  owner: string,
  nowMs: number,
  ttlMs: number = LEASE_TTL_MS,
): Promise<boolean> {
  const key = leaseKey(incidentKey);
  return scope.transaction(async (tx) => {
    const held = await readLeaseForUpdate(scope, tx, key);
    if (held === undefined || !isHeldHere(held, owner)) return false;
    await updateKv(tx, key, leaseValue(owner, nowMs, ttlMs));
    return true;
  }, RELAXED);
}

/**
 * Releases the lease if `owner` (in this process) still holds it.
 *
 * @example
 * await releaseIncidentLease(ctx.scope, key, `job:${job.id}`);
 */
export async function releaseIncidentLease(
  scope: TenantScope,
  incidentKey: string,
  owner: string,
): Promise<void> {
  await scope.transaction(async (tx) => {
    const key = leaseKey(incidentKey);
    const value = await getKv(tx, key);
    if (value === undefined) return;
    const held = parseLease(value);
    if (held !== undefined && !isHeldHere(held, owner)) return;
    await deleteKvIfValue(tx, key, value);
  }, RELAXED);
}

/** A lease held with a running heartbeat. */
export interface HeldLease {
  /** Whether the lease was taken over (or could not be renewed before it ran out). */
  lost(): boolean;
  /** Stops the heartbeat and releases the lease. */
  release(): Promise<void>;
}

type LeaseCtx = Pick<AppContext, "scope" | "clock" | "log">;

/** Lease timing (tests shorten it). */
export interface LeaseTiming {
  readonly ttlMs: number;
  readonly renewMs: number;
}

const DEFAULT_TIMING: LeaseTiming = { ttlMs: LEASE_TTL_MS, renewMs: LEASE_RENEW_MS };

function startHeartbeat(
  ctx: LeaseCtx,
  incidentKey: string,
  owner: string,
  sinceMs: number,
  timing: LeaseTiming,
) {
  const { ttlMs } = timing;
  let until = sinceMs + ttlMs;
  let lost = false;
  let renewing: Promise<void> = Promise.resolve();
  const renew = async (): Promise<void> => {
    const nowMs = ctx.clock.now().getTime();
    try {
      if (await renewIncidentLease(ctx.scope, incidentKey, owner, nowMs, ttlMs))
        until = nowMs + ttlMs;
      else lost = true;
    } catch (error) {
      if (ctx.clock.now().getTime() >= until) lost = true;
      ctx.log.warn(
        { incident: incidentKey, err: error instanceof Error ? error.message : String(error) },
        "incident lease: renewal failed",
      );
    }
  };
  const timer = setInterval(() => {
    if (!lost) renewing = renewing.then(renew);
  }, timing.renewMs);
  timer.unref();
  return {
    lost: () => lost || ctx.clock.now().getTime() >= until,
    stop: async () => {
      clearInterval(timer);
      await renewing;
    },
  };
}

/**
 * Takes the lease of an incident and keeps it alive until released; `undefined` while another
 * live owner holds it.
 *
 * @example
 * const lease = await holdIncidentLease(ctx, key, `job:${job.id}`);
 * if (lease === undefined) return reschedule();
 * try { … if (lease.lost()) return; … } finally { await lease.release(); }
 */
export async function holdIncidentLease(
  ctx: LeaseCtx,
  incidentKey: string,
  owner: string,
  timing: LeaseTiming = DEFAULT_TIMING,
): Promise<HeldLease | undefined> {
  const nowMs = ctx.clock.now().getTime();
  if (!(await acquireIncidentLease(ctx.scope, incidentKey, owner, nowMs, timing.ttlMs))) {
    return undefined;
  }
  const heartbeat = startHeartbeat(ctx, incidentKey, owner, nowMs, timing);
  return {
    lost: heartbeat.lost,
    release: async () => {
      await heartbeat.stop();
      await releaseIncidentLease(ctx.scope, incidentKey, owner);
    },
  };
}
