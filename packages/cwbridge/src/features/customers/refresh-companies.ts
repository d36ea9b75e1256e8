/**
 * `refreshCompanies`: ConnectWise companies → `cw_companies` (the matching pool).
 * One streamed read (pageSize 1000, trimmed `fields`), filtered server-side by deletedFlag,
 * status names (`status/name in (…)`) and type names (childConditions over the `types` array),
 * and again locally (in case a server ignores a filter).
 */
import { and, eq, isIn, or, where } from "@cwbridge/connectwise";
import type { Company } from "@cwbridge/connectwise";
import { companyPassesFilter, type CwCompany } from "../../domain/company-match.js";
import type { AppContext } from "../../core/context.js";
import { nowIso } from "../../store/index.js";
import { nextStamp } from "../../lib/monotonic-stamp.js";
import { deleteCompaniesBefore, latestCompanyStamp, upsertCompanies } from "./repository.js";

/** Filters of {@link refreshCompanies}: company type and status names (any of). */
export interface RefreshCompaniesOptions {
  readonly types?: readonly string[];
  readonly statuses?: readonly string[];
}

const COMPANY_FIELDS = ["id", "identifier", "name", "status", "types", "deletedFlag", "website"];
const CHUNK = 500;

interface CompanyRow {
  connection_id: string;
  cw_id: number;
  identifier: string;
  name: string;
  type_ids_json: string;
  type_names_json: string;
  status_id: number | null;
  status_name: string | null;
  deleted: 0 | 1;
  website: string | null;
  fetched_at: string;
}

function toRow(connectionId: string, company: Company, stamp: string): CompanyRow {
  const types = (company.types ?? []) as readonly { id?: number; name?: string | null }[];
  const status = company.status as { id?: number; name?: string | null } | undefined;
  return {
    connection_id: connectionId,
    cw_id: company.id,
    identifier: company.identifier ?? "",
    name: company.name ?? "",
    type_ids_json: JSON.stringify(types.flatMap((t) => (t.id === undefined ? [] : [t.id]))),
    type_names_json: JSON.stringify(types.flatMap((t) => (t.name ? [t.name] : []))),
    status_id: status?.id ?? null,
    status_name: status?.name ?? null,
    deleted: company.deletedFlag === true ? 1 : 0,
    website: typeof company.website === "string" && company.website !== "" ? company.website : null,
    fetched_at: stamp,
  };
}

function asDomain(row: CompanyRow): CwCompany {
  return {
    id: row.cw_id,
    identifier: row.identifier,
    name: row.name,
    typeNames: JSON.parse(row.type_names_json) as string[],
    ...(row.status_name === null ? {} : { statusName: row.status_name }),
    deleted: row.deleted === 1,
  };
}

function filters(options: RefreshCompaniesOptions): {
  conditions: string;
  childConditions?: string;
} {
  const statuses = options.statuses ?? [];
  const types = options.types ?? [];
  const conditions = where(
    and(eq("deletedFlag", false), statuses.length > 0 ? isIn("status/name", statuses) : undefined),
  );
  if (types.length === 0) return { conditions };
  // childConditions take no `in` (reference §4): one `or` of equalities.
  return { conditions, childConditions: where(or(...types.map((t) => eq("types/name", t)))) };
}

/**
 * Reads the connection's companies from ConnectWise into the store, replacing the previous
 * list (companies no longer returned are dropped from the cache; mappings keep their ids).
 *
 * @example
 * await refreshCompanies(ctx, connectionId, { types: ["Customer"], statuses: ["Active"] }); // { fetched: 17 }
 */
export async function refreshCompanies(
  ctx: AppContext,
  connectionId: string,
  options: RefreshCompaniesOptions = {},
): Promise<{ fetched: number }> {
  const cw = await ctx.clients.forConnection(connectionId);
  const stamp = nextStamp(await latestCompanyStamp(ctx.scope.db, connectionId), nowIso());
  const filter = { typeNames: options.types ?? [], statusNames: options.statuses ?? [] };
  let fetched = 0;
  const pages = cw.companies.iterate({
    ...filters(options),
    fields: COMPANY_FIELDS,
    pageSize: 1000,
  });
  for await (const page of pages) {
    const rows = page
      .map((company) => toRow(connectionId, company, stamp))
      .filter((row) => companyPassesFilter(asDomain(row), filter));
    for (let i = 0; i < rows.length; i += CHUNK)
      await upsertCompanies(ctx.scope.db, rows.slice(i, i + CHUNK));
    fetched += rows.length;
  }
  await deleteCompaniesBefore(ctx.scope.db, connectionId, stamp);
  return { fetched };
}
