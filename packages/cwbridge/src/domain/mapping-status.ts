/**
 * Per-mapping sync status (Level's "Unsynced → Syncing → Synced"), as a const table. The store
 * moves a mapping only along it: `services/devices/partition-status.ts` updates just the rows
 * whose current status allows the new one (a guard in SQL, so nothing here throws).
 */

/** Statuses of a customer/group mapping. */
export const MAPPING_STATUSES = ["Unsynced", "Syncing", "Synced", "Error"] as const;

/** One of {@link MAPPING_STATUSES}. */
export type MappingStatus = (typeof MAPPING_STATUSES)[number];

/** Every valid status change (from → allowed next statuses). */
export const MAPPING_TRANSITIONS = {
  Unsynced: ["Syncing"],
  Syncing: ["Synced", "Error"],
  Synced: ["Syncing"],
  Error: ["Syncing"],
} as const satisfies Record<MappingStatus, readonly MappingStatus[]>;
