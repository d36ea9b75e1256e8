/**
 * The last sync report of each partition (kv), so blocked deactivations and errors are
 * visible (`getSyncReport`, CLI, UI).
 */
import type { BlockedDeactivation } from "../../domain/device-sync-plan.js";
import type { AppContext } from "../../core/context.js";
import { reportKey } from "./job-specs.js";
import { getKv, kvValuesWithPrefix, setKv } from "../../store/index.js";

/** What the last sync of a partition did. */
export interface SyncReport {
  readonly sourceId: string;
  readonly connectionId: string;
  readonly companyId: number;
  readonly at: string;
  readonly outcome: "synced" | "error" | "skipped";
  readonly created: number;
  readonly updated: number;
  readonly moved: number;
  readonly deactivated: number;
  readonly unchanged: number;
  readonly adopted: number;
  /** Devices waiting for a human (ambiguous adoption). */
  readonly held: number;
  /** Deactivations held back by the mass-deactivation guard. */
  readonly blocked: BlockedDeactivation | null;
  readonly errors: readonly { readonly externalId: string; readonly message: string }[];
  readonly message: string | null;
}

/**
 * Stores a partition's report.
 *
 * @example
 * await saveSyncReport(ctx, report);
 */
export async function saveSyncReport(ctx: AppContext, report: SyncReport): Promise<void> {
  const value = JSON.stringify({
    ...report,
    blocked:
      report.blocked === null
        ? null
        : { ...report.blocked, externalIds: report.blocked.externalIds.slice(0, 100) },
    errors: report.errors.slice(0, 50),
  });
  const key = reportKey(report.sourceId, report.companyId);
  await setKv(ctx.scope.db, key, value);
}

/**
 * The last sync reports of a source (one company, or all), by company id.
 *
 * @example
 * const [report] = await getSyncReport(ctx, sourceId, 250);
 * report?.blocked // { companyId: 250, wouldDeactivate: 40, total: 50, ratio: 0.8, … }
 */
export async function getSyncReport(
  ctx: AppContext,
  sourceId: string,
  companyId?: number,
): Promise<SyncReport[]> {
  const values =
    companyId === undefined
      ? await kvValuesWithPrefix(ctx.scope.db, reportKey(sourceId, 0).slice(0, -1))
      : [await getKv(ctx.scope.db, reportKey(sourceId, companyId))].filter(
          (v): v is string => v !== undefined,
        );
  return values
    .map((value) => JSON.parse(value) as SyncReport)
    .sort((a, b) => a.companyId - b.companyId);
}
