/**
 * Enqueues device-sync work for (source, company) partitions inside the caller's transaction
 * (outbox): adopted companies get a `sync-devices` job each; companies never synced for this
 * source get one `adopt-devices` job for the source, which enqueues them after adoption.
 */
import type { AppContext } from "../../core/context.js";
import type { TenantDb, TenantTx } from "../../store/tenant-scope.js";
import { adoptDevicesJob, adoptedKey, syncDevicesJob } from "./job-specs.js";
import { kvKeysSet } from "../../store/index.js";

/** What was enqueued. */
export interface EnqueueReport {
  readonly partitions: number;
  readonly adoption: boolean;
}

/**
 * The companies (of `companyIds`) already adopted for the source.
 *
 * @example
 * const adopted = await adoptedCompanies(tx, sourceId, [250, 251]);
 */
export async function adoptedCompanies(
  db: TenantDb,
  sourceId: string,
  companyIds: readonly number[],
): Promise<Set<number>> {
  const keys = await kvKeysSet(
    db,
    companyIds.map((id) => adoptedKey(sourceId, id)),
  );
  return new Set(companyIds.filter((id) => keys.has(adoptedKey(sourceId, id))));
}

/**
 * Enqueues sync work for the partitions of `companyIds` (in `tx`).
 *
 * @example
 * await ctx.scope.transaction((tx) => enqueueDeviceSync(ctx, tx, { sourceId, connectionId, companyIds: [250] }));
 */
export async function enqueueDeviceSync(
  ctx: AppContext,
  tx: TenantTx,
  input: {
    readonly sourceId: string;
    readonly connectionId: string;
    readonly companyIds: Iterable<number>;
  },
): Promise<EnqueueReport> {
  const { sourceId, connectionId } = input;
  const ids = [...new Set(input.companyIds)].sort((a, b) => a - b);
  if (ids.length === 0) return { partitions: 0, adoption: false };
  const adopted = await adoptedCompanies(tx, sourceId, ids);
  let partitions = 0;
  for (const companyId of ids) {
    if (!adopted.has(companyId)) continue;
    await ctx.queue.enqueue(syncDevicesJob({ sourceId, connectionId, companyId }), tx.storeTx);
    partitions++;
  }
  const adoption = adopted.size < ids.length;
  if (adoption) await ctx.queue.enqueue(adoptDevicesJob({ sourceId, connectionId }), tx.storeTx);
  return { partitions, adoption };
}
