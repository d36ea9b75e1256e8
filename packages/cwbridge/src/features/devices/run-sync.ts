/**
 * `runSync` (the CLI's `cwbridge sync`): enqueues every partition in scope; and
 * `approveDeactivations`: lets the next sync of a partition pass the mass-deactivation guard.
 */
import type { AppContext } from "../../core/context.js";
import { nowIso, setKv } from "../../store/index.js";
import { getSource, sourceConnectionId } from "../sources/index.js";
import { enqueueDeviceSync } from "./enqueue-sync.js";
import { syncDevicesJob } from "./job-specs.js";
import { sourceCompanies, sourcesInScope, type SyncScope } from "./partitions-of.js";
import { approvedKey } from "./sync-settings.js";

/** What {@link runSync} enqueued. */
export interface RunSyncReport {
  readonly sources: number;
  readonly partitions: number;
  /** Sources whose first sync of some companies goes through adoption first. */
  readonly adoptions: number;
}

/**
 * Enqueues the device sync of every partition in scope (one job each; keys coalesce).
 *
 * @example
 * await runSync(ctx, { sourceId }); // { sources: 1, partitions: 3, adoptions: 0 }
 */
export async function runSync(ctx: AppContext, scope: SyncScope = {}): Promise<RunSyncReport> {
  if (scope.sourceId !== undefined) await getSource(ctx, scope.sourceId);
  let partitions = 0;
  let adoptions = 0;
  const sources = await sourcesInScope(ctx, scope);
  for (const source of sources) {
    const companyIds = await sourceCompanies(ctx, source.id);
    const report = await ctx.scope.transaction((tx) =>
      enqueueDeviceSync(ctx, tx, {
        sourceId: source.id,
        connectionId: source.connectionId,
        companyIds,
      }),
    );
    partitions += report.partitions;
    if (report.adoption) adoptions++;
  }
  return { sources: sources.length, partitions, adoptions };
}

/**
 * Approves a partition's blocked deactivations once and enqueues its sync.
 *
 * @example
 * await approveDeactivations(ctx, sourceId, 250);
 */
export async function approveDeactivations(
  ctx: AppContext,
  sourceId: string,
  companyId: number,
): Promise<void> {
  const connectionId = await sourceConnectionId(ctx, sourceId);
  const key = approvedKey(sourceId, companyId);
  const value = nowIso();
  await ctx.scope.transaction(async (tx) => {
    await setKv(tx, key, value);
    await ctx.queue.enqueue(syncDevicesJob({ sourceId, connectionId, companyId }), tx.storeTx);
  });
}
