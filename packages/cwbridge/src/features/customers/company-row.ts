/**
 * Row ↔ domain mapping of `cw_companies` (ConnectWise companies cached per connection), and the
 * filtered company list.
 */
import type { Selectable } from "kysely";
import type { CwCompany } from "../../domain/company-match.js";
import type { AppContext } from "../../core/context.js";
import type { CwCompaniesTable } from "../../store/schema.js";
import { selectCompanies } from "./repository.js";

/** A cached company as listed to users. */
export interface CompanyListItem extends CwCompany {
  readonly typeIds: readonly number[];
  readonly statusId?: number;
  readonly fetchedAt: string;
}

function parseArray<T>(text: string, guard: (value: unknown) => value is T): T[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter(guard) : [];
  } catch {
    return [];
  }
}

const isString = (value: unknown): value is string => typeof value === "string";
const isNumber = (value: unknown): value is number => typeof value === "number";

/**
 * A `cw_companies` row as a company.
 *
 * @example
 * const companies = (await selectCompanies(ctx.scope.db, connectionId)).map(toCompany);
 */
export function toCompany(row: Selectable<CwCompaniesTable>): CompanyListItem {
  return {
    id: row.cw_id,
    identifier: row.identifier,
    name: row.name,
    typeNames: parseArray(row.type_names_json, isString),
    typeIds: parseArray(row.type_ids_json, isNumber),
    ...(row.status_name === null ? {} : { statusName: row.status_name }),
    ...(row.status_id === null ? {} : { statusId: row.status_id }),
    deleted: row.deleted === 1,
    ...(row.website === null ? {} : { website: row.website }),
    fetchedAt: row.fetched_at,
  };
}

/** Filters of {@link listCompanies}. */
export interface ListCompaniesOptions {
  /** Company type name (case-insensitive). */
  readonly type?: string;
  /** Company status name (case-insensitive). */
  readonly status?: string;
  /** Substring of the name or identifier (case-insensitive). */
  readonly search?: string;
  /** Include companies flagged deleted (default false). */
  readonly includeDeleted?: boolean;
  readonly limit?: number;
}

/**
 * The cached ConnectWise companies of a connection (run `refreshCompanies` first), by name.
 *
 * @example
 * await listCompanies(ctx, connectionId, { type: "Customer", status: "Active", search: "acme" });
 */
export async function listCompanies(
  ctx: AppContext,
  connectionId: string,
  options: ListCompaniesOptions = {},
): Promise<CompanyListItem[]> {
  const rows = await selectCompanies(ctx.scope.db, connectionId, {
    includeDeleted: options.includeDeleted === true,
    ...(options.status === undefined ? {} : { status: options.status }),
  });
  const type = options.type?.toLowerCase();
  const search = options.search?.trim().toLowerCase() ?? "";
  const companies = rows
    .map(toCompany)
    .filter((c) => type === undefined || c.typeNames.some((t) => t.toLowerCase() === type))
    .filter(
      (c) =>
        search === "" ||
        c.name.toLowerCase().includes(search) ||
        c.identifier.toLowerCase().includes(search),
    );
  return companies.slice(0, options.limit ?? 10_000);
}
