/**
 * `matchCustomers`: runs the domain matcher for every customer of a source against the cached
 * companies of its connection and writes `mappings` (manual ones are never touched). Newly
 * mapped companies get their device sync enqueued in the same transaction.
 */
import type { Selectable } from "kysely";
import {
  matchCustomers as matchAll,
  type CompanyMatch,
  type MatchCandidate,
  type SourceCustomer,
} from "../../domain/company-match.js";
import type { AppContext } from "../../core/context.js";
import { nowIso } from "../../store/index.js";
import type { TenantTx } from "../../store/tenant-scope.js";
import type { CustomersTable, MappingsTable } from "../../store/schema.js";
import { sourceConnectionId } from "../sources/index.js";
import { toCompany } from "./company-row.js";
import { CustomerError } from "./errors.js";
import { storedMethod } from "./mapping-row.js";
import {
  insertMapping,
  selectCompanies,
  selectCustomers,
  selectMappingRows,
  updateMapping,
} from "./repository.js";

/** Options of {@link matchCustomers}. */
export interface MatchCustomersOptions {
  /** Only companies of these type names (any of; case-insensitive). */
  readonly types?: readonly string[];
  /** Only companies with these status names. */
  readonly statuses?: readonly string[];
  /** Score at or above which a unique best candidate is mapped automatically (0.9). */
  readonly autoThreshold?: number;
  /** Score at or above which candidates are offered for review (0.6). */
  readonly reviewThreshold?: number;
}

/** One customer waiting for a human. */
export interface ReviewItem {
  readonly customerId: string;
  readonly customerName: string;
  readonly reason: string;
  readonly candidates: readonly (MatchCandidate & { readonly companyName?: string })[];
}

/** Outcome of {@link matchCustomers}. */
export interface MatchReport {
  readonly matched: number;
  readonly review: number;
  readonly none: number;
  readonly manual: number;
  readonly reviewList: readonly ReviewItem[];
}

function toSourceCustomer(row: Selectable<CustomersTable>): SourceCustomer {
  return {
    externalId: row.external_id,
    name: row.name,
    ...(row.display_name === null ? {} : { displayName: row.display_name }),
    ...(row.identifier === null ? {} : { identifier: row.identifier }),
    ...(row.domain === null ? {} : { domain: row.domain }),
  };
}

function validateThresholds(options: MatchCustomersOptions): void {
  const { autoThreshold: auto, reviewThreshold: review } = options;
  const bad = [auto, review].some((v) => v !== undefined && !(v >= 0 && v <= 1));
  if (bad || (auto !== undefined && review !== undefined && review > auto)) {
    throw new CustomerError(
      "CWB_ERR_MAPPING_INVALID",
      "thresholds must be within 0..1 and reviewThreshold ≤ autoThreshold",
    );
  }
}

type MappingValues = Omit<Selectable<MappingsTable>, "sync_status" | "last_error" | "tenant">;

function valuesFor(
  base: Pick<MappingsTable, "source_id" | "customer_external_id" | "connection_id" | "updated_at">,
  match: CompanyMatch,
): MappingValues {
  const common = { ...base, cw_site_id: null, manual: 0 as const };
  if (match.kind === "matched") {
    return {
      ...common,
      cw_company_id: match.companyId,
      method: storedMethod(match.method),
      match_method: match.method,
      score: match.score,
      review: 0,
      review_reason: null,
      candidates_json: "[]",
    };
  }
  const review = match.kind === "review";
  return {
    ...common,
    cw_company_id: null,
    method: "none",
    match_method: "none",
    score: review ? (match.candidates[0]?.score ?? 0) : 0,
    review: review ? 1 : 0,
    review_reason: review ? match.reason : null,
    candidates_json: review ? JSON.stringify(match.candidates) : "[]",
  };
}

async function writeMapping(
  tx: TenantTx,
  values: MappingValues,
  previous: Selectable<MappingsTable> | undefined,
): Promise<boolean> {
  const changedCompany = previous?.cw_company_id !== values.cw_company_id;
  const status = changedCompany ? { sync_status: "Unsynced" as const, last_error: null } : {};
  if (previous === undefined) await insertMapping(tx, { ...values, ...status });
  else await updateMapping(tx, { ...values, ...status });
  return changedCompany && values.cw_company_id !== null;
}

/**
 * Matches every customer of a source; returns counts and the review list.
 *
 * @example
 * const report = await matchCustomers(ctx, sourceId, { types: ["Customer"] });
 * report.matched; report.reviewList[0]?.candidates
 */
export async function matchCustomers(
  ctx: AppContext,
  sourceId: string,
  options: MatchCustomersOptions = {},
): Promise<MatchReport> {
  validateThresholds(options);
  const connectionId = await sourceConnectionId(ctx, sourceId);
  const db = ctx.scope.db;
  const customers = await selectCustomers(db, sourceId);
  const companies = (await selectCompanies(db, connectionId)).map(toCompany);
  const previous = new Map(
    (await selectMappingRows(db, sourceId)).map((m) => [m.customer_external_id, m]),
  );
  const overrides = new Map<string, number>();
  for (const [customerId, m] of previous) {
    if (m.manual === 1 && m.cw_company_id !== null) overrides.set(customerId, m.cw_company_id);
  }
  const results = matchAll({
    customers: customers.map(toSourceCustomer),
    companies,
    overrides,
    filter: {
      ...(options.types === undefined ? {} : { typeNames: options.types }),
      ...(options.statuses === undefined ? {} : { statusNames: options.statuses }),
    },
    thresholds: {
      ...(options.autoThreshold === undefined ? {} : { autoAt: options.autoThreshold }),
      ...(options.reviewThreshold === undefined ? {} : { reviewAt: options.reviewThreshold }),
    },
  });
  const names = new Map(companies.map((c) => [c.id, c.name]));
  const counts = { matched: 0, review: 0, none: 0, manual: 0 };
  const reviewList: ReviewItem[] = [];
  const now = nowIso();
  await ctx.scope.transaction(async (tx) => {
    const newlyMapped: number[] = [];
    for (const customer of customers) {
      const match = results.get(customer.external_id) ?? { kind: "none" };
      const before = previous.get(customer.external_id);
      if (before?.manual === 1) {
        counts.manual++;
        continue;
      }
      if (match.kind === "matched") counts.matched++;
      else if (match.kind === "none") counts.none++;
      else {
        counts.review++;
        reviewList.push({
          customerId: customer.external_id,
          customerName: customer.name,
          reason: match.reason,
          candidates: match.candidates.map((c) => ({
            ...c,
            companyName: names.get(c.companyId) ?? "",
          })),
        });
      }
      const base = {
        source_id: sourceId,
        customer_external_id: customer.external_id,
        connection_id: connectionId,
        updated_at: now,
      };
      if (await writeMapping(tx, valuesFor(base, match), before)) {
        if (match.kind === "matched") newlyMapped.push(match.companyId);
      }
    }
    await ctx.links.enqueueDeviceSync(ctx, tx, { sourceId, connectionId, companyIds: newlyMapped });
  });
  return { ...counts, reviewList };
}
