/**
 * Matching source customers to ConnectWise companies: exact identifier, then display name, then
 * name (normalised, then fuzzy), then web domain; scored 0..1, with thresholds for automatic
 * matches and a review list. Manual overrides always win.
 *
 * Decisions:
 * - Fuzzy scores are `0.85 × Dice similarity`, so with the default thresholds a fuzzy match is
 *   never automatic (it goes to review); lower `autoAt` to allow it.
 * - A tie for the best score never auto-matches (review, reason "tie").
 * - Several customers may map to the same company (groups/sub-groups → one company, different
 *   sites); but when two or more customers auto-match the same company with the SAME score and
 *   neither is a manual override, none of them is auto-matched: all go to review, reason
 *   "duplicate" (an identifier match (1.0) next to a name match (0.9) is kept).
 */
import type { CwCompany, MatchCandidate, MatchMethod, SourceCustomer } from "./company-scoring.js";
import {
  indexCompanies,
  prepareCompany,
  prepareCustomer,
  scorePrepared,
  scoreIndexed,
  type CompanyIndex,
  type PreparedCustomer,
} from "./company-scoring.js";

export type { CwCompany, MatchCandidate, MatchMethod, SourceCustomer };
export { MATCH_SCORES } from "./company-scoring.js";

/** Why a customer needs a human. */
export type ReviewReason = "below-threshold" | "tie" | "duplicate";

/** The outcome for one customer. */
export type CompanyMatch =
  | {
      readonly kind: "matched";
      readonly companyId: number;
      readonly method: MatchMethod;
      readonly score: number;
    }
  | {
      readonly kind: "review";
      readonly reason: ReviewReason;
      readonly candidates: readonly MatchCandidate[];
    }
  | { readonly kind: "none" };

/** Score thresholds. */
export interface MatchThresholds {
  /** Best score at or above which a unique best candidate is matched automatically (0.9). */
  readonly autoAt: number;
  /** Best score at or above which candidates are offered for review (0.6). */
  readonly reviewAt: number;
}

/** Default thresholds: auto ≥ 0.9, review ≥ 0.6. */
export const DEFAULT_MATCH_THRESHOLDS = {
  autoAt: 0.9,
  reviewAt: 0.6,
} as const satisfies MatchThresholds;

/** Which companies may be matched at all (case-insensitive names; empty/absent = any). */
export interface CompanyFilter {
  readonly typeNames?: readonly string[];
  readonly statusNames?: readonly string[];
  /** Include companies flagged `deleted` (default false). */
  readonly includeDeleted?: boolean;
}

/** Input of {@link matchCustomers}. */
export interface MatchCustomersInput {
  readonly customers: readonly SourceCustomer[];
  readonly companies: readonly CwCompany[];
  /** customer externalId → companyId chosen by a human; always wins and survives re-matching. */
  readonly overrides?: ReadonlyMap<string, number>;
  readonly filter?: CompanyFilter;
  readonly thresholds?: Partial<MatchThresholds>;
}

/**
 * Whether a company passes the type/status/deleted filter.
 *
 * @example
 * companyPassesFilter(company, { typeNames: ["Customer"], statusNames: ["Active"] })
 */
export function companyPassesFilter(company: CwCompany, filter: CompanyFilter = {}): boolean {
  if (company.deleted === true && filter.includeDeleted !== true) return false;
  const lower = (xs: readonly string[]) => xs.map((x) => x.toLowerCase());
  const types = lower(filter.typeNames ?? []);
  if (types.length > 0 && !company.typeNames.some((t) => types.includes(t.toLowerCase())))
    return false;
  const statuses = lower(filter.statusNames ?? []);
  return statuses.length === 0 || statuses.includes((company.statusName ?? "").toLowerCase());
}

/**
 * The best way a customer matches one company, or `undefined` when nothing matches (fuzzy
 * scores below the review threshold are filtered by the caller).
 *
 * @example
 * scoreCompany({ externalId: "1", name: "Globex, Inc." }, { id: 7, identifier: "GLX", name: "Globex", typeNames: [] })
 * // { companyId: 7, method: "name", score: 0.9 }
 */
export function scoreCompany(
  customer: SourceCustomer,
  company: CwCompany,
): MatchCandidate | undefined {
  return scorePrepared(prepareCustomer(customer), prepareCompany(company));
}

function byScore(a: MatchCandidate, b: MatchCandidate): number {
  return b.score - a.score || a.companyId - b.companyId;
}

/**
 * Matches one customer against (already filtered) companies; overrides are not consulted here.
 *
 * @example
 * matchCustomer({ externalId: "c1", name: "Initech LLC" }, companies)
 * // { kind: "matched", companyId: 12, method: "name", score: 0.9 }
 */
export function matchCustomer(
  customer: SourceCustomer,
  companies: readonly CwCompany[],
  thresholds: MatchThresholds = DEFAULT_MATCH_THRESHOLDS,
): CompanyMatch {
  return matchIndexed(prepareCustomer(customer), indexCompanies(companies), thresholds);
}

/**
 * {@link matchCustomer} against an index: only the companies that can score above 0 (same
 * identifier, name or domain, or a bigram in common) are scored, each as `scoreCompany` would.
 */
function matchIndexed(
  customer: PreparedCustomer,
  index: CompanyIndex,
  thresholds: MatchThresholds,
): CompanyMatch {
  const ranked = scoreIndexed(index, customer, thresholds.reviewAt).sort(byScore);
  const [best, second] = ranked;
  if (best === undefined) return { kind: "none" };
  const tie = second !== undefined && second.score === best.score;
  if (best.score >= thresholds.autoAt && !tie) return { kind: "matched", ...best };
  return {
    kind: "review",
    reason: tie ? "tie" : "below-threshold",
    candidates: ranked.slice(0, 3),
  };
}

/**
 * Matches every customer: filters companies, applies manual overrides (always win), matches the
 * rest, then demotes same-score duplicate auto-matches to review. Returns customer externalId →
 * outcome, in input order.
 *
 * @example
 * const result = matchCustomers({ customers, companies, overrides: new Map([["c9", 42]]), filter: { typeNames: ["Customer"] } });
 * result.get("c9") // { kind: "matched", companyId: 42, method: "manual", score: 1 }
 */
export function matchCustomers(input: MatchCustomersInput): Map<string, CompanyMatch> {
  const thresholds = { ...DEFAULT_MATCH_THRESHOLDS, ...input.thresholds };
  const pool = indexCompanies(input.companies.filter((c) => companyPassesFilter(c, input.filter)));
  const results = new Map<string, CompanyMatch>();
  for (const customer of input.customers) {
    const manual = input.overrides?.get(customer.externalId);
    results.set(
      customer.externalId,
      manual === undefined
        ? matchIndexed(prepareCustomer(customer), pool, thresholds)
        : { kind: "matched", companyId: manual, method: "manual", score: 1 },
    );
  }
  return demoteDuplicates(results);
}

function demoteDuplicates(results: Map<string, CompanyMatch>): Map<string, CompanyMatch> {
  const groups = new Map<string, string[]>();
  for (const [customerId, match] of results) {
    if (match.kind !== "matched" || match.method === "manual") continue;
    const key = `${match.companyId}@${match.score}`;
    groups.set(key, [...(groups.get(key) ?? []), customerId]);
  }
  for (const ids of groups.values()) {
    if (ids.length < 2) continue;
    for (const id of ids) {
      const match = results.get(id);
      if (match?.kind !== "matched") continue;
      const { companyId, method, score } = match;
      results.set(id, {
        kind: "review",
        reason: "duplicate",
        candidates: [{ companyId, method, score }],
      });
    }
  }
  return results;
}
