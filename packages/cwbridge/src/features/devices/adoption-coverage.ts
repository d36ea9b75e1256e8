/**
 * What a company's first adoption read already checked, so the partition run that follows it
 * does not look the same devices up again (the cold sync stays at one read per 1,000
 * configurations): per company, the devices that read matched to nothing, each with the
 * `updated_at` it had then. A device counts as checked only while its row is unchanged and for
 * {@link COVERAGE_TTL_MS} after the read; the record is dropped once a partition run used it.
 * Anything else about to be created is looked up first (`adoption-lookup.ts`).
 */
import type { AppContext } from "../../core/context.js";
import { deleteKv, getKv, isoIn, setKv } from "../../store/index.js";

/** How long an adoption read stands in for the lookup before a create (10 minutes). */
export const COVERAGE_TTL_MS = 10 * 60_000;

/** Devices a read matched to nothing: external id → the row's `updated_at` at the read. */
export type CheckedDevices = ReadonlyMap<string, string>;

interface CoverageValue {
  readonly at: string;
  readonly devices: readonly (readonly [string, string])[];
}

/**
 * The kv key of a company's adoption-read coverage.
 *
 * @example
 * coverageKey("src-1", 250) // "devices:adopt-checked:src-1:250"
 */
export function coverageKey(sourceId: string, companyId: number): string {
  return `devices:adopt-checked:${sourceId}:${companyId}`;
}

/**
 * Records, per company, the devices an adoption read (started at `at`) matched to nothing.
 *
 * @example
 * await saveCoverage(ctx, sourceId, readAt, new Map([[250, new Map([["d1", row.updated_at]])]]));
 */
export async function saveCoverage(
  ctx: AppContext,
  sourceId: string,
  at: string,
  checked: ReadonlyMap<number, CheckedDevices>,
): Promise<void> {
  for (const [companyId, devices] of checked) {
    const value: CoverageValue = { at, devices: [...devices] };
    await setKv(ctx.scope.db, coverageKey(sourceId, companyId), JSON.stringify(value));
  }
}

/**
 * The devices of a company still covered by its adoption read (empty once it is older than
 * {@link COVERAGE_TTL_MS}, or when there is none).
 *
 * @example
 * const checked = await loadCoverage(ctx, sourceId, 250);
 * checked.get("d1") === row.updated_at // unchanged since the read: no lookup needed
 */
export async function loadCoverage(
  ctx: AppContext,
  sourceId: string,
  companyId: number,
): Promise<CheckedDevices> {
  const stored = await getKv(ctx.scope.db, coverageKey(sourceId, companyId));
  if (stored === undefined) return new Map();
  const value = JSON.parse(stored) as CoverageValue;
  if (value.at < isoIn(-COVERAGE_TTL_MS)) return new Map();
  return new Map(value.devices);
}

/**
 * Drops a company's coverage (after the partition run that used it).
 *
 * @example
 * await dropCoverage(ctx, sourceId, 250);
 */
export async function dropCoverage(
  ctx: AppContext,
  sourceId: string,
  companyId: number,
): Promise<void> {
  await deleteKv(ctx.scope.db, coverageKey(sourceId, companyId));
}
