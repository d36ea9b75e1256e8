/**
 * Per-mapping sync status of a partition's mappings, moved only along the domain's transitions
 * (`Unsynced → Syncing → Synced | Error`, `Synced|Error → Syncing`).
 */
import {
  MAPPING_STATUSES,
  MAPPING_TRANSITIONS,
  type MappingStatus,
} from "../../domain/mapping-status.js";
import type { AppContext } from "../../core/context.js";
import { nowIso } from "../../store/index.js";

/** A (source, connection, company) partition. */
export interface Partition {
  readonly sourceId: string;
  readonly connectionId: string;
  readonly companyId: number;
}

function allowedFrom(to: MappingStatus): MappingStatus[] {
  return MAPPING_STATUSES.filter((from) =>
    (MAPPING_TRANSITIONS[from] as readonly MappingStatus[]).includes(to),
  );
}

/**
 * Moves the partition's mappings to `to` (those whose current status allows it) and sets
 * `last_error`.
 *
 * @example
 * await setPartitionStatus(ctx, partition, "Syncing", null);
 * await setPartitionStatus(ctx, partition, "Error", "mass-deactivation guard: …");
 */
export async function setPartitionStatus(
  ctx: AppContext,
  partition: Partition,
  to: MappingStatus,
  lastError: string | null,
): Promise<void> {
  await ctx.store.db
    .updateTable("mappings")
    .set({ sync_status: to, last_error: lastError?.slice(0, 2000) ?? null, updated_at: nowIso() })
    .where("source_id", "=", partition.sourceId)
    .where("cw_company_id", "=", partition.companyId)
    .where("sync_status", "in", allowedFrom(to))
    .execute();
}

/**
 * Sets only `last_error` of the partition's mappings (status unchanged), e.g. "connection disabled".
 *
 * @example
 * await notePartition(ctx, partition, "connection is disabled: nothing was written");
 */
export async function notePartition(
  ctx: AppContext,
  partition: Partition,
  message: string,
): Promise<void> {
  await ctx.store.db
    .updateTable("mappings")
    .set({ last_error: message, updated_at: nowIso() })
    .where("source_id", "=", partition.sourceId)
    .where("cw_company_id", "=", partition.companyId)
    .execute();
}
