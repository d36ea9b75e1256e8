/**
 * Row ↔ domain mapping of `mappings` (source customer → ConnectWise company/site), and the list.
 */
import type { Selectable } from "kysely";
import type { MatchCandidate, MatchMethod } from "../../domain/company-match.js";
import type { AppContext } from "../../core/context.js";
import type { MappingMethod, MappingSyncStatus, MappingsTable } from "../../store/schema.js";
import { selectMappingsWithNames } from "./repository.js";

/** A customer's mapping as listed to users. */
export interface Mapping {
  readonly sourceId: string;
  readonly customerId: string;
  readonly customerName: string | null;
  readonly connectionId: string;
  readonly companyId: number | null;
  readonly siteId: number | null;
  /** How the company was chosen (`none` when not mapped). */
  readonly method: MatchMethod | "none";
  readonly score: number;
  /** A human should choose among `candidates`. */
  readonly review: boolean;
  readonly reviewReason: string | null;
  readonly candidates: readonly MatchCandidate[];
  /** Chosen by a human: re-matching never changes it. */
  readonly manual: boolean;
  readonly syncStatus: MappingSyncStatus;
  readonly lastError: string | null;
  readonly updatedAt: string;
}

/**
 * The coarse `method` column value (0001's enum) of a domain match method.
 *
 * @example
 * storedMethod("display-name-fuzzy") // "display_name"
 */
export function storedMethod(method: MatchMethod | "none"): MappingMethod {
  switch (method) {
    case "identifier":
    case "manual":
    case "none":
    case "name":
      return method;
    case "display-name":
    case "display-name-fuzzy":
      return "display_name";
    case "name-fuzzy":
    case "domain":
      return "name";
  }
}

const METHODS: readonly string[] = [
  "manual",
  "identifier",
  "display-name",
  "name",
  "domain",
  "display-name-fuzzy",
  "name-fuzzy",
];

function domainMethod(row: Selectable<MappingsTable>): MatchMethod | "none" {
  const detail = row.match_method;
  if (detail !== null && METHODS.includes(detail)) return detail as MatchMethod;
  if (row.method === "display_name") return "display-name";
  return row.method;
}

function parseCandidates(text: string): MatchCandidate[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as MatchCandidate[]) : [];
  } catch {
    return [];
  }
}

/**
 * A `mappings` row (with the customer's name, when joined) as a {@link Mapping}.
 *
 * @example
 * toMapping(row, "Acme Corp").companyId // 250
 */
export function toMapping(row: Selectable<MappingsTable>, customerName: string | null): Mapping {
  return {
    sourceId: row.source_id,
    customerId: row.customer_external_id,
    customerName,
    connectionId: row.connection_id,
    companyId: row.cw_company_id,
    siteId: row.cw_site_id,
    method: domainMethod(row),
    score: row.score,
    review: row.review === 1,
    reviewReason: row.review_reason,
    candidates: parseCandidates(row.candidates_json),
    manual: row.manual === 1,
    syncStatus: row.sync_status,
    lastError: row.last_error,
    updatedAt: row.updated_at,
  };
}

/** Filters of {@link listMappings}. */
export interface ListMappingsOptions {
  readonly status?: MappingSyncStatus;
  readonly review?: boolean;
}

/**
 * The mappings of a source, by customer id.
 *
 * @example
 * const review = await listMappings(ctx, sourceId, { review: true });
 */
export async function listMappings(
  ctx: AppContext,
  sourceId: string,
  options: ListMappingsOptions = {},
): Promise<Mapping[]> {
  const rows = await selectMappingsWithNames(ctx.scope.db, sourceId, options);
  return rows.map(({ customer_name, ...row }) => toMapping(row, customer_name));
}
