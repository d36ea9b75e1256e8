/**
 * The abandoned-request sweep: events-log rows left `sending` by a process that can no longer
 * finish them become `outcome_unknown` with `CWB_ERR_ENGINE_STOPPED` ("in flight when the
 * engine stopped": the request may or may not have reached ConnectWise).
 *
 * Several processes may share one store (a worker and CLI commands on PostgreSQL, or on one
 * SQLite file), and each has requests in flight, so only rows that are provably abandoned are
 * swept. A row is abandoned when either:
 *
 * 1. its owner is a process of this host key (same PID namespace, see `request-log-owner.ts`)
 *    other than this one, and that pid no longer exists (`ESRCH`). Immediate, so a restart
 *    after a crash settles the previous run's rows at once; or
 * 2. it is older than `staleAfterMs`: the longest per-attempt client timeout plus a margin.
 *    Each row is ONE attempt (retries write their own rows), and the client aborts an attempt
 *    at its timeout, so no live process can still own such a row. This covers owners on other
 *    hosts, in other containers, and pids that were reused; the margin absorbs clock skew
 *    between hosts (`at` is the sender's clock) and event-loop stalls.
 *
 * We chose this over a run id + heartbeat table: it needs no timer or extra write in every
 * process that talks to ConnectWise (CLI commands included), and it cannot sweep a live
 * request because a heartbeat was late. Should a row still be swept early (a process paused
 * past the margin), the owner's completion overwrites it: `finishRequestLog` updates by id
 * whatever the current outcome.
 */
import type { Kysely } from "kysely";
import type { RequestOwner } from "./request-log-owner.js";
import type { Database } from "./schema.js";

/** The error code of a swept row. */
export const ENGINE_STOPPED_CODE = "CWB_ERR_ENGINE_STOPPED";

/** A `sending` row as the sweep sees it. */
export interface InFlightRow {
  readonly id: number;
  readonly at: string;
  readonly ownerHost: string | null;
  readonly ownerPid: number | null;
}

/** How the sweep decides. */
export interface SweepPolicy {
  readonly now: Date;
  /** Rows older than this are abandoned whoever owns them (longest attempt timeout + margin). */
  readonly staleAfterMs: number;
  /** This process (its own rows are never judged by pid). */
  readonly self: RequestOwner;
  readonly isPidAlive: (pid: number) => boolean;
}

/**
 * Whether a `sending` row can no longer be finished by its owner (pure).
 *
 * @example
 * isAbandoned(row, { now: new Date(), staleAfterMs: 420_000, self: currentOwner(), isPidAlive });
 */
export function isAbandoned(row: InFlightRow, policy: SweepPolicy): boolean {
  const age = policy.now.getTime() - Date.parse(row.at);
  if (!(age < policy.staleAfterMs)) return true;
  if (row.ownerHost !== policy.self.host || row.ownerPid === null) return false;
  if (row.ownerPid === policy.self.pid) return false;
  return !policy.isPidAlive(row.ownerPid);
}

const CHUNK = 500;

/**
 * Marks every abandoned `sending` row `outcome_unknown` / `CWB_ERR_ENGINE_STOPPED`; returns
 * how many. A row finished meanwhile is left alone (the update requires `sending`).
 *
 * @example
 * const swept = await sweepAbandonedRequests(store.db, { now: new Date(), staleAfterMs, self: currentOwner(), isPidAlive });
 */
export async function sweepAbandonedRequests(
  db: Kysely<Database>,
  policy: SweepPolicy,
): Promise<number> {
  const rows = await db
    .selectFrom("request_log")
    .select(["id", "at", "owner_host", "owner_pid"])
    .where("outcome", "=", "sending")
    .execute();
  const ids = rows
    .map((r) => ({ id: Number(r.id), at: r.at, ownerHost: r.owner_host, ownerPid: r.owner_pid }))
    .filter((r) => isAbandoned(r, policy))
    .map((r) => r.id);
  let swept = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const result = await db
      .updateTable("request_log")
      .set({ outcome: "outcome_unknown", error_code: ENGINE_STOPPED_CODE })
      .where("id", "in", ids.slice(i, i + CHUNK))
      .where("outcome", "=", "sending")
      .executeTakeFirst();
    swept += Number(result.numUpdatedRows);
  }
  return swept;
}
