/**
 * Scoring a customer against ConnectWise companies (for `company-match.ts`): each side's names,
 * identifier, domain and bigrams prepared once, and an index of the companies by identifier, name,
 * domain and bigram, so a customer is scored only against the companies that can score above 0
 * (a customer over 2,000 companies compared every pair, normalising both names each time).
 */
import { normaliseDomain, normaliseName } from "./normalise-name.js";
import { bigrams, diceOfGrams, gramCount } from "./similarity.js";

/** A customer (group, tenant, organisation) of a source tool. */
export interface SourceCustomer {
  readonly externalId: string;
  readonly name: string;
  readonly displayName?: string;
  readonly identifier?: string;
  readonly domain?: string;
}

/** The fields of a ConnectWise company used for matching. */
export interface CwCompany {
  readonly id: number;
  readonly identifier: string;
  readonly name: string;
  readonly typeNames: readonly string[];
  readonly statusName?: string;
  readonly deleted?: boolean;
  /** `website` of the company (URL or bare domain). */
  readonly website?: string;
}

/** How a candidate was found. */
export type MatchMethod =
  | "manual"
  | "identifier"
  | "display-name"
  | "name"
  | "domain"
  | "display-name-fuzzy"
  | "name-fuzzy";

/** A scored candidate company. */
export interface MatchCandidate {
  readonly companyId: number;
  readonly method: MatchMethod;
  readonly score: number;
}

/** Scores of each method (fuzzy ones are multiplied by the similarity). */
export const MATCH_SCORES = {
  identifier: 1,
  "display-name": 0.95,
  name: 0.9,
  domain: 0.9,
  fuzzy: 0.85,
} as const;

/** A customer's matching keys, computed once. */
export interface PreparedCustomer {
  /** Trimmed, lower-case identifier; `""` when absent or blank. */
  readonly identifier: string;
  readonly display: string;
  readonly name: string;
  readonly displayGrams: ReadonlyMap<string, number>;
  readonly nameGrams: ReadonlyMap<string, number>;
  /** Normalised domain when it can match (non-empty, with a dot); else `""`. */
  readonly domain: string;
}

/** A company's matching keys, computed once. */
export interface PreparedCompany {
  readonly id: number;
  readonly identifier: string;
  readonly target: string;
  readonly grams: ReadonlyMap<string, number>;
  /** Normalised website; `undefined` when the company has none. */
  readonly domain: string | undefined;
}

/**
 * A customer's matching keys.
 *
 * @example
 * prepareCustomer({ externalId: "c1", name: "Initech LLC" }).name // "initech"
 */
export function prepareCustomer(customer: SourceCustomer): PreparedCustomer {
  const display = customer.displayName === undefined ? "" : normaliseName(customer.displayName);
  const name = normaliseName(customer.name);
  const domain = customer.domain === undefined ? "" : normaliseDomain(customer.domain);
  return {
    identifier: (customer.identifier ?? "").trim().toLowerCase(),
    display,
    name,
    displayGrams: bigrams(display),
    nameGrams: bigrams(name),
    domain: domain.includes(".") ? domain : "",
  };
}

/**
 * A company's matching keys.
 *
 * @example
 * prepareCompany({ id: 7, identifier: " GLX ", name: "Globex", typeNames: [] }).identifier // "glx"
 */
export function prepareCompany(company: CwCompany): PreparedCompany {
  const target = normaliseName(company.name);
  return {
    id: company.id,
    identifier: company.identifier.trim().toLowerCase(),
    target,
    grams: bigrams(target),
    domain: company.website === undefined ? undefined : normaliseDomain(company.website),
  };
}

/**
 * The best way a prepared customer matches a prepared company: identifier, display name, name,
 * domain, then the better fuzzy score (display name first on a tie); `undefined` for none.
 *
 * @example
 * scorePrepared(prepareCustomer(customer), prepareCompany(company))
 */
export function scorePrepared(
  customer: PreparedCustomer,
  company: PreparedCompany,
): MatchCandidate | undefined {
  const found = (method: MatchMethod, score: number): MatchCandidate => ({
    companyId: company.id,
    method,
    score,
  });
  if (customer.identifier !== "" && customer.identifier === company.identifier) {
    return found("identifier", MATCH_SCORES.identifier);
  }
  if (customer.display !== "" && customer.display === company.target)
    return found("display-name", MATCH_SCORES["display-name"]);
  if (customer.name !== "" && customer.name === company.target)
    return found("name", MATCH_SCORES.name);
  if (customer.domain !== "" && customer.domain === company.domain)
    return found("domain", MATCH_SCORES.domain);
  const display = fuzzyScore(customer.display, customer.displayGrams, company);
  const name = fuzzyScore(customer.name, customer.nameGrams, company);
  const best = display >= name ? found("display-name-fuzzy", display) : found("name-fuzzy", name);
  return best.score > 0 ? { ...best, score: Math.round(best.score * 1000) / 1000 } : undefined;
}

function fuzzyScore(
  text: string,
  grams: ReadonlyMap<string, number>,
  company: PreparedCompany,
): number {
  if (text === "") return 0;
  const dice = text === company.target ? 1 : diceOfGrams(grams, company.grams);
  return MATCH_SCORES.fuzzy * dice;
}

/** Companies prepared and indexed by identifier, name and domain, and by bigram with counts. */
export interface CompanyIndex {
  readonly companies: readonly PreparedCompany[];
  /** Keys `i:` identifier, `n:` name, `d:` domain → companies (positions in `companies`). */
  readonly exact: ReadonlyMap<string, readonly number[]>;
  /** Bigram → the companies having it and how often. */
  readonly grams: ReadonlyMap<string, { readonly at: number[]; readonly count: number[] }>;
  /** Each company's number of bigrams. */
  readonly sizes: readonly number[];
}

function addExact(map: Map<string, number[]>, key: string, at: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [at]);
  else if (list[list.length - 1] !== at) list.push(at);
}

/**
 * Prepares and indexes companies.
 *
 * @example
 * const index = indexCompanies(companies);
 */
export function indexCompanies(companies: readonly CwCompany[]): CompanyIndex {
  const prepared = companies.map(prepareCompany);
  const exact = new Map<string, number[]>();
  const grams = new Map<string, { at: number[]; count: number[] }>();
  prepared.forEach((company, at) => {
    if (company.identifier !== "") addExact(exact, `i:${company.identifier}`, at);
    addExact(exact, `n:${company.target}`, at);
    if (company.domain !== undefined) addExact(exact, `d:${company.domain}`, at);
    for (const [gram, n] of company.grams) {
      const posting = grams.get(gram) ?? { at: [], count: [] };
      posting.at.push(at);
      posting.count.push(n);
      grams.set(gram, posting);
    }
  });
  return { companies: prepared, exact, grams, sizes: prepared.map((c) => gramCount(c.grams)) };
}

/** Bigrams shared with each company that has any (multiset intersection size). */
function sharedGrams(index: CompanyIndex, grams: ReadonlyMap<string, number>): Map<number, number> {
  const shared = new Map<number, number>();
  for (const [gram, n] of grams) {
    const posting = index.grams.get(gram);
    if (posting === undefined) continue;
    for (let k = 0; k < posting.at.length; k++) {
      const at = posting.at[k] as number;
      shared.set(at, (shared.get(at) ?? 0) + Math.min(n, posting.count[k] as number));
    }
  }
  return shared;
}

/**
 * Every company's {@link scorePrepared} candidate scoring at least `reviewAt`, computed from the
 * index: the exact keys first, then the fuzzy scores from the bigrams shared (a company sharing
 * no bigram and no key scores nothing).
 *
 * @example
 * scoreIndexed(indexCompanies(companies), prepareCustomer(customer), 0.6)
 */
export function scoreIndexed(
  index: CompanyIndex,
  customer: PreparedCustomer,
  reviewAt: number,
): MatchCandidate[] {
  const exactHits = new Set<number>();
  for (const key of [
    customer.identifier === "" ? "" : `i:${customer.identifier}`,
    customer.display === "" ? "" : `n:${customer.display}`,
    customer.name === "" ? "" : `n:${customer.name}`,
    customer.domain === "" ? "" : `d:${customer.domain}`,
  ]) {
    for (const at of key === "" ? [] : (index.exact.get(key) ?? [])) exactHits.add(at);
  }
  const out: MatchCandidate[] = [];
  for (const at of exactHits) {
    const candidate = scorePrepared(customer, index.companies[at] as PreparedCompany);
    if (candidate !== undefined && candidate.score >= reviewAt) out.push(candidate);
  }
  const display =
    customer.display === "" ? new Map<number, number>() : sharedGrams(index, customer.displayGrams);
  const name =
    customer.name === "" ? new Map<number, number>() : sharedGrams(index, customer.nameGrams);
  const displaySize = gramCount(customer.displayGrams);
  const nameSize = gramCount(customer.nameGrams);
  const dice = (shared: number, size: number, at: number) => {
    const total = size + (index.sizes[at] as number);
    return total === 0 ? 0 : MATCH_SCORES.fuzzy * ((2 * shared) / total);
  };
  for (const at of new Set([...display.keys(), ...name.keys()])) {
    if (exactHits.has(at)) continue;
    const d = dice(display.get(at) ?? 0, displaySize, at);
    const n = dice(name.get(at) ?? 0, nameSize, at);
    const best =
      d >= n
        ? { method: "display-name-fuzzy" as const, score: d }
        : { method: "name-fuzzy" as const, score: n };
    const score = Math.round(best.score * 1000) / 1000;
    if (best.score > 0 && score >= reviewAt) {
      out.push({
        companyId: (index.companies[at] as PreparedCompany).id,
        method: best.method,
        score,
      });
    }
  }
  return out;
}
