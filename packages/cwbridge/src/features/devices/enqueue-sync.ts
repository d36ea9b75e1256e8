/**
 * Enqueues device-sync work for (source, company) partitions inside the caller's transaction
 * (outbox): adopted companies get a `sync-devices` job each; companies never synced for this
 * source get one `adopt-devices` job for the source, which enqueues them after adoption.
 */
import type { AppContext } from "../../core/context.js";
import type { StoreTx } from "../../store/index.js";
import { adoptDevicesJob, adoptedKey, syncDevicesJob } from "./job-specs.js";

const CHUNK = 500;

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
  db: StoreTx | AppContext["store"]["db"],
  sourceId: string,
  companyIds: readonly number[],
): Promise<Set<number>> {
  const adopted = new Set<number>();
  for (let i = 0; i < companyIds.length; i += CHUNK) {
    const ids = companyIds.slice(i, i + CHUNK);
    const rows = await db
      .selectFrom("kv")
      .select("key")
      .where(
        "key",
        "in",
        ids.map((id) => adoptedKey(sourceId, id)),
      )
      .execute();
    const keys = new Set(rows.map((r) => r.key));
    for (const id of ids) if (keys.has(adoptedKey(sourceId, id))) adopted.add(id);
  }
  return adopted;
}

/**
 * Enqueues sync work for the partitions of `companyIds` (in `tx`).
 *
 * @example
 * await ctx.store.transaction((tx) => enqueueDeviceSync(ctx, tx, { sourceId, connectionId, companyIds: [250] }));
 */
export async function enqueueDeviceSync(
  ctx: AppContext,
  tx: StoreTx,
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
    await ctx.queue.enqueue(syncDevicesJob({ sourceId, connectionId, companyId }), tx);
    partitions++;
  }
  const adoption = adopted.size < ids.length;
  if (adoption) await ctx.queue.enqueue(adoptDevicesJob({ sourceId, connectionId }), tx);
  return { partitions, adoption };
}
