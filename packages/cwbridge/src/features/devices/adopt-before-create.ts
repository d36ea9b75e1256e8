/**
 * Adoption before every create: the devices of a partition about to be created (no
 * configuration yet, not waiting for a human) are first matched against the company's
 * existing configurations in ConnectWise — not only the ones present at the company's first
 * sync — so a configuration made since by a technician or another tool is adopted, never
 * duplicated. Devices the company's first adoption read just checked (unchanged since, within
 * the coverage window) are not looked up again.
 */
import type { ConnectWise } from "@cwbridge/connectwise";
import type { AppContext } from "../../core/context.js";
import {
  matchBeforeCreate,
  storeAdoption,
  type AdoptionCandidate,
  type AdoptionResult,
} from "./adopt-devices.js";
import { loadCoverage, type CheckedDevices } from "./adoption-coverage.js";
import { isDesired, type PartitionState } from "./partition.js";

/**
 * The partition's devices that the plan would create and that still need the lookup (those
 * in `checked` with the same `updated_at` were checked by the first-sync read).
 *
 * @example
 * const candidates = createCandidates(state, await loadCoverage(ctx, sourceId, 250));
 */
export function createCandidates(
  state: PartitionState,
  checked: CheckedDevices,
): AdoptionCandidate[] {
  const { companyId } = state.partition;
  const out: AdoptionCandidate[] = [];
  for (const row of state.rows.values()) {
    if (!isDesired(state, row) || row.cw_config_id !== null || row.adopt_review !== null) continue;
    if (checked.get(row.external_id) === row.updated_at) continue;
    const siteId = state.mappings.get(row.customer_external_id)?.siteId ?? null;
    out.push({ row, companyId, siteId });
  }
  return out;
}

/**
 * Configuration ids linked to the partition's devices (never adopted by another device).
 *
 * @example
 * takenIn(state).has(20001)
 */
export function takenIn(state: PartitionState): Set<number> {
  const taken = new Set<number>();
  for (const row of state.rows.values()) if (row.cw_config_id !== null) taken.add(row.cw_config_id);
  return taken;
}

/**
 * Looks up and matches the partition's devices about to be created (reads only; nothing is
 * requested when there are none).
 *
 * @example
 * const result = await matchPartitionCreates(ctx, cw, state);
 */
export async function matchPartitionCreates(
  ctx: AppContext,
  cw: ConnectWise,
  state: PartitionState,
  checked?: CheckedDevices,
): Promise<AdoptionResult | undefined> {
  const { sourceId, companyId } = state.partition;
  const covered = checked ?? (await loadCoverage(ctx, sourceId, companyId));
  const candidates = createCandidates(state, covered);
  if (candidates.length === 0) return undefined;
  return matchBeforeCreate(cw, sourceId, companyId, candidates, takenIn(state));
}

/**
 * The sync's step before its creates: looks the devices about to be created up, stores the
 * links and review holds; returns what it found (the caller reloads the partition when it
 * found anything).
 *
 * @example
 * const { adopted, held } = await adoptBeforeCreate(ctx, cw, state);
 */
export async function adoptBeforeCreate(
  ctx: AppContext,
  cw: ConnectWise,
  state: PartitionState,
): Promise<{ readonly adopted: number; readonly held: number }> {
  const result = await matchPartitionCreates(ctx, cw, state);
  if (result === undefined) return { adopted: 0, held: 0 };
  await storeAdoption(ctx, state.partition.sourceId, result);
  return { adopted: result.links.length, held: result.review.length };
}
