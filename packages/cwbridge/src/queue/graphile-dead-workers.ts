/**
 * Which graphile-worker pools are dead (pure). graphile-worker 0.17 locks a job with its
 * worker pool's id and, on its own, releases a crashed pool's jobs only after a 4-hour lock
 * timeout. Each cwbridge pool therefore registers its id with its owner process (host key +
 * pid, as the events log's owner, see `store/request-log-owner.ts`) and a heartbeat; a pool is
 * dead when either:
 *
 * 1. its owner is a process of this host key other than this one and that pid no longer exists
 *    (`ESRCH`): immediate, so an engine restarted after a crash continues at once; or
 * 2. its heartbeat is older than `staleAfterMs` (default 5 min, beats every 30 s — graphile
 *    Worker Pro's sweep threshold and heartbeat interval): owners on other hosts, in other
 *    containers, reused pids, or a process stalled that long.
 *
 * A lock held by a pool id that is not registered at all (a pool from before this registry, or
 * killed between taking its first job and registering) is orphaned once it is older than
 * `staleAfterMs`: a live pool registers within milliseconds of its start.
 */
import type { RequestOwner } from "../store/request-log-owner.js";

/** A registered pool as the sweep sees it. */
export interface RegisteredPool {
  readonly workerId: string;
  readonly ownerHost: string;
  readonly ownerPid: number;
  /** Milliseconds since its last heartbeat (database clock). */
  readonly heartbeatAgeMs: number;
}

/** How the sweep decides. */
export interface DeadPoolPolicy {
  readonly staleAfterMs: number;
  /** This process (its own pools are never judged by pid). */
  readonly self: RequestOwner;
  readonly isPidAlive: (pid: number) => boolean;
}

/**
 * Whether a registered pool can no longer finish its jobs (see the module comment).
 *
 * @example
 * isDeadPool(pool, { staleAfterMs: 300_000, self: currentOwner(), isPidAlive });
 */
export function isDeadPool(pool: RegisteredPool, policy: DeadPoolPolicy): boolean {
  if (!(pool.heartbeatAgeMs < policy.staleAfterMs)) return true;
  if (pool.ownerHost !== policy.self.host || pool.ownerPid === policy.self.pid) return false;
  return !policy.isPidAlive(pool.ownerPid);
}
