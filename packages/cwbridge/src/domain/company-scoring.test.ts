import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchCustomer } from "./company-match.js";
import { type CwCompany, type SourceCustomer } from "./company-scoring.js";
import { MATCH_SCORES, scoreCompany, type MatchCandidate } from "./company-match.js";
import { normaliseDomain, normaliseName } from "./normalise-name.js";
import { diceSimilarity } from "./similarity.js";

/** The scorer as first written (every pair normalised from scratch): the oracle. */
function referenceScore(customer: SourceCustomer, company: CwCompany): MatchCandidate | undefined {
  const found = (method: MatchCandidate["method"], score: number) => ({
    companyId: company.id,
    method,
    score,
  });
  if (customer.identifier !== undefined && customer.identifier.trim() !== "") {
    if (customer.identifier.trim().toLowerCase() === company.identifier.trim().toLowerCase())
      return found("identifier", MATCH_SCORES.identifier);
  }
  const target = normaliseName(company.name);
  const display = customer.displayName === undefined ? "" : normaliseName(customer.displayName);
  const name = normaliseName(customer.name);
  if (display !== "" && display === target) return found("display-name", 0.95);
  if (name !== "" && name === target) return found("name", 0.9);
  if (customer.domain !== undefined && company.website !== undefined) {
    const a = normaliseDomain(customer.domain);
    if (a !== "" && a.includes(".") && a === normaliseDomain(company.website))
      return found("domain", 0.9);
  }
  const fuzzy = [
    found("display-name-fuzzy", display === "" ? 0 : 0.85 * diceSimilarity(display, target)),
    found("name-fuzzy", name === "" ? 0 : 0.85 * diceSimilarity(name, target)),
  ].sort((a, b) => b.score - a.score)[0];
  return fuzzy !== undefined && fuzzy.score > 0
    ? { ...fuzzy, score: Math.round(fuzzy.score * 1000) / 1000 }
    : undefined;
}

const words = [
  "Acme",
  "Initech",
  "Globex",
  "Hooli",
  "Inc",
  "LLC",
  "Ltd",
  "&",
  "Co",
  "Sol",
  "a",
  "",
];
const word = fc.constantFrom(...words);
const text = fc.array(word, { maxLength: 4 }).map((w) => w.join(" "));
const domain = fc.option(fc.constantFrom("acme.com", "HOOLI.com", "https://www.acme.com/", "x"), {
  nil: undefined,
});

const company = (id: number) =>
  fc.record({ identifier: text, name: text, website: domain }).map((c): CwCompany => ({
    id,
    identifier: c.identifier,
    name: c.name,
    typeNames: [],
    ...(c.website === undefined ? {} : { website: c.website }),
  }));
const companies = fc
  .integer({ min: 0, max: 12 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => company(i + 1))));
const customer = fc
  .record({
    name: text,
    displayName: fc.option(text, { nil: undefined }),
    identifier: fc.option(text, { nil: undefined }),
    domain,
  })
  .map((c): SourceCustomer => ({
    externalId: "c",
    name: c.name,
    ...(c.displayName === undefined ? {} : { displayName: c.displayName }),
    ...(c.identifier === undefined ? {} : { identifier: c.identifier }),
    ...(c.domain === undefined ? {} : { domain: c.domain }),
  }));

describe("company index", () => {
  it("scores every pair as the reference scorer does", () => {
    fc.assert(
      fc.property(customer, companies, (cust, pool) => {
        for (const co of pool) expect(scoreCompany(cust, co)).toEqual(referenceScore(cust, co));
      }),
      { numRuns: 1000 },
    );
  });

  it("matches as scoring every company would (thresholds 0.9 / 0.6 and 0.5 / 0.1)", () => {
    const naive = (cust: SourceCustomer, pool: readonly CwCompany[], reviewAt: number) =>
      pool
        .map((co) => referenceScore(cust, co))
        .filter((c) => c !== undefined && c.score >= reviewAt)
        .sort((a, b) => b!.score - a!.score || a!.companyId - b!.companyId)
        .slice(0, 3);
    fc.assert(
      fc.property(customer, companies, (cust, pool) => {
        for (const [autoAt, reviewAt] of [
          [0.9, 0.6],
          [0.5, 0.1],
        ] as const) {
          const result = matchCustomer(cust, pool, { autoAt, reviewAt });
          const ranked = naive(cust, pool, reviewAt);
          if (ranked.length === 0) expect(result).toEqual({ kind: "none" });
          else if (result.kind === "matched") expect(result).toMatchObject(ranked[0]!);
          else expect(result).toMatchObject({ kind: "review", candidates: ranked });
        }
      }),
      { numRuns: 500 },
    );
  });
});
