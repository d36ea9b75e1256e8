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
import { notePartitionError, updatePartitionStatus } from "../customers/index.js";
import type { Partition } from "./partition-queries.js";

export type { Partition } from "./partition-queries.js";

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
  await updatePartitionStatus(
    ctx.scope.db,
    partition,
    to,
    allowedFrom(to),
    lastError?.slice(0, 2000) ?? null,
  );
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
  await notePartitionError(ctx.scope.db, partition, message);
}
