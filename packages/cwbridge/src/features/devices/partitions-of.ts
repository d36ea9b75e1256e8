/**
 * Which sources and partitions a plan/run covers.
 */
import type { AppContext } from "../../core/context.js";
import { companiesWithRemovedDevices } from "./device-repository.js";
import { mappedCompanyIds } from "../customers/index.js";
import { listSources, type Source } from "../sources/index.js";

/** Filters of a plan or run: one source, or every source of one connection, or all. */
export interface SyncScope {
  readonly sourceId?: string;
  readonly connectionId?: string;
}

/**
 * The sources in scope (only those with a connection).
 *
 * @example
 * const sources = await sourcesInScope(ctx, { connectionId });
 */
export async function sourcesInScope(
  ctx: AppContext,
  scope: SyncScope,
): Promise<(Source & { connectionId: string })[]> {
  const all = await listSources(ctx);
  return all.filter(
    (s): s is Source & { connectionId: string } =>
      s.connectionId !== null &&
      (scope.sourceId === undefined || s.id === scope.sourceId) &&
      (scope.connectionId === undefined || s.connectionId === scope.connectionId),
  );
}

/**
 * The companies of a source with work to check: mapped companies, plus companies still holding
 * active configurations of removed devices.
 *
 * @example
 * const companies = await sourceCompanies(ctx, sourceId); // [250, 251]
 */
export async function sourceCompanies(ctx: AppContext, sourceId: string): Promise<number[]> {
  const ids = new Set([
    ...(await mappedCompanyIds(ctx.scope.db, sourceId)),
    ...(await companiesWithRemovedDevices(ctx.scope.db, sourceId)),
  ]);
  return [...ids].sort((a, b) => a - b);
}
