/**
 * Per-mapping sync status (Level's "Unsynced → Syncing → Synced"), as a const table + validator.
 */
import { DomainError } from "./errors.js";
import { err, ok, type Result } from "./result.js";

/** Statuses of a customer/group mapping. */
export const MAPPING_STATUSES = ["Unsynced", "Syncing", "Synced", "Error"] as const;

/** One of {@link MAPPING_STATUSES}. */
export type MappingStatus = (typeof MAPPING_STATUSES)[number];

/** Every valid status change. */
export const MAPPING_TRANSITIONS = {
  Unsynced: ["Syncing"],
  Syncing: ["Synced", "Error"],
  Synced: ["Syncing"],
  Error: ["Syncing"],
} as const satisfies Record<MappingStatus, readonly MappingStatus[]>;

/** Why a transition was refused. */
export interface InvalidMappingTransition {
  readonly code: "CWB_ERR_MAPPING_TRANSITION";
  readonly from: MappingStatus;
  readonly to: MappingStatus;
}

/**
 * Validates a status change: `Result` with the new status, or the refused pair.
 *
 * @example
 * transition("Unsynced", "Syncing") // { ok: true, value: "Syncing" }
 * transition("Unsynced", "Synced")  // { ok: false, error: { code: "CWB_ERR_MAPPING_TRANSITION", from: "Unsynced", to: "Synced" } }
 */
export function transition(
  from: MappingStatus,
  to: MappingStatus,
): Result<MappingStatus, InvalidMappingTransition> {
  const allowed: readonly MappingStatus[] = MAPPING_TRANSITIONS[from];
  return allowed.includes(to) ? ok(to) : err({ code: "CWB_ERR_MAPPING_TRANSITION", from, to });
}

/**
 * Like {@link transition} but throws a `DomainError` (for code paths where it is a bug).
 *
 * @example
 * const next = assertMappingTransition(row.status, "Synced");
 */
export function assertMappingTransition(from: MappingStatus, to: MappingStatus): MappingStatus {
  const result = transition(from, to);
  if (!result.ok) {
    throw new DomainError(
      "CWB_ERR_MAPPING_TRANSITION",
      `mapping status cannot go from '${from}' to '${to}'`,
    );
  }
  return result.value;
}
