import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  companyPassesFilter,
  matchCustomer,
  matchCustomers,
  type CwCompany,
  type SourceCustomer,
} from "./company-match.js";

const company = (id: number, name: string, extra: Partial<CwCompany> = {}): CwCompany => ({
  id,
  identifier: name.replace(/\W/g, "").slice(0, 30),
  name,
  typeNames: ["Customer"],
  statusName: "Active",
  ...extra,
});
const customer = (
  externalId: string,
  name: string,
  extra: Partial<SourceCustomer> = {},
): SourceCustomer => ({
  externalId,
  name,
  ...extra,
});

describe("matchCustomer — realistic pairs", () => {
  it.each([
    ["Acme Corp.", "ACME Corporation", "name", 0.9],
    ["Globex, Inc.", "Globex", "name", 0.9],
    ["Initech LLC", "Initech", "name", 0.9],
    ["Müller GmbH", "Muller", "name", 0.9],
    ["The Umbrella Company Ltd", "Umbrella Co", "name", 0.9],
  ] as const)("%j ↔ %j matches by %s", (source, cw, method, score) => {
    const companies = [company(1, cw), company(2, "Contoso Ltd"), company(3, "Fabrikam")];
    expect(matchCustomer(customer("c", source), companies)).toEqual({
      kind: "matched",
      companyId: 1,
      method,
      score,
    });
  });

  it("prefers identifier, then display name, then name", () => {
    const companies = [
      company(1, "Alpha", { identifier: "ZZ1" }),
      company(2, "Beta"),
      company(3, "Gamma"),
    ];
    expect(
      matchCustomer(customer("c", "Gamma", { identifier: "zz1", displayName: "Beta" }), companies),
    ).toMatchObject({
      kind: "matched",
      companyId: 1,
      method: "identifier",
      score: 1,
    });
    expect(
      matchCustomer(customer("c", "Gamma", { displayName: "Beta Inc" }), companies),
    ).toMatchObject({
      companyId: 2,
      method: "display-name",
      score: 0.95,
    });
  });

  it("matches by web domain when names differ", () => {
    const companies = [company(5, "Hooli Holdings Intl", { website: "https://www.hooli.com/" })];
    expect(
      matchCustomer(customer("c", "Hooli XYZ", { domain: "HOOLI.com" }), companies),
    ).toMatchObject({
      kind: "matched",
      companyId: 5,
      method: "domain",
    });
  });

  it("sends fuzzy matches to review with the top 3 candidates", () => {
    const companies = [
      company(1, "Initech Solutions"),
      company(2, "Initech Solution Group"),
      company(3, "Initek Solutions"),
      company(4, "Initech Solutionz"),
      company(9, "Wayne Enterprises"),
    ];
    const result = matchCustomer(customer("c", "Initech Solutions Inc"), companies.slice(1));
    expect(result.kind).toBe("review");
    if (result.kind !== "review") return;
    expect(result.reason).toBe("below-threshold");
    expect(result.candidates).toHaveLength(3);
    expect(
      result.candidates.every((c) => c.method === "name-fuzzy" && c.score < 0.9 && c.score >= 0.6),
    ).toBe(true);
    expect(result.candidates.map((c) => c.companyId)).not.toContain(9);
    const scores = result.candidates.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("returns none when nothing is close", () => {
    expect(
      matchCustomer(customer("c", "Stark Industries"), [company(1, "Wayne Enterprises")]),
    ).toEqual({ kind: "none" });
  });

  it("never auto-matches a tie", () => {
    const result = matchCustomer(customer("c", "Acme Inc"), [
      company(1, "Acme Corp"),
      company(2, "ACME Ltd"),
    ]);
    expect(result).toMatchObject({ kind: "review", reason: "tie" });
    if (result.kind === "review") expect(result.candidates.map((c) => c.companyId)).toEqual([1, 2]);
  });

  it("honours custom thresholds (fuzzy auto-match when allowed)", () => {
    const companies = [company(1, "Initech Solutionz")];
    expect(
      matchCustomer(customer("c", "Initech Solutions"), companies, { autoAt: 0.7, reviewAt: 0.5 })
        .kind,
    ).toBe("matched");
  });
});

describe("matchCustomers", () => {
  const companies = [
    company(1, "Acme Corporation"),
    company(2, "Globex", { typeNames: ["Vendor"] }),
    company(3, "Initech", { statusName: "Inactive" }),
    company(4, "Hooli", { deleted: true }),
  ];

  it("applies type/status/deleted filters before matching", () => {
    const result = matchCustomers({
      customers: [
        customer("a", "Acme"),
        customer("g", "Globex"),
        customer("i", "Initech"),
        customer("h", "Hooli"),
      ],
      companies,
      filter: { typeNames: ["customer"], statusNames: ["active"] },
    });
    expect(result.get("a")).toMatchObject({ kind: "matched", companyId: 1 });
    expect(result.get("g")).toEqual({ kind: "none" });
    expect(result.get("i")).toEqual({ kind: "none" });
    expect(result.get("h")).toEqual({ kind: "none" });
  });

  it("manual override always wins, even over an exact identifier match or a filtered company", () => {
    const result = matchCustomers({
      customers: [customer("a", "Acme", { identifier: "AcmeCorporation" })],
      companies,
      overrides: new Map([["a", 3]]),
      filter: { statusNames: ["Active"] },
    });
    expect(result.get("a")).toEqual({ kind: "matched", companyId: 3, method: "manual", score: 1 });
  });

  it("demotes same-score duplicate auto-matches to review, keeps different-score ones", () => {
    const result = matchCustomers({
      customers: [
        customer("x", "Acme Inc"),
        customer("y", "ACME LLC"),
        customer("z", "Other", { identifier: "AcmeCorporation" }),
      ],
      companies,
    });
    expect(result.get("x")).toMatchObject({ kind: "review", reason: "duplicate" });
    expect(result.get("y")).toMatchObject({ kind: "review", reason: "duplicate" });
    expect(result.get("z")).toMatchObject({ kind: "matched", companyId: 1, method: "identifier" });
    const single = matchCustomers({
      customers: [
        customer("x", "Acme Inc"),
        customer("z", "Zed", { identifier: "AcmeCorporation" }),
      ],
      companies,
    });
    expect(single.get("x")).toMatchObject({ kind: "matched", companyId: 1, method: "name" });
  });

  it("keeps input order", () => {
    const result = matchCustomers({
      customers: [customer("b", "B"), customer("a", "A")],
      companies,
    });
    expect([...result.keys()]).toEqual(["b", "a"]);
  });
});

describe("companyPassesFilter", () => {
  it("passes everything when the filter is empty, except deleted", () => {
    expect(companyPassesFilter(company(1, "X", { typeNames: [] }))).toBe(true);
    expect(companyPassesFilter(company(1, "X", { deleted: true }))).toBe(false);
    expect(companyPassesFilter(company(1, "X", { deleted: true }), { includeDeleted: true })).toBe(
      true,
    );
  });
});

describe("matchCustomers (property)", () => {
  const names = fc.constantFrom(
    "Acme Inc",
    "ACME Corp",
    "Globex",
    "Initech LLC",
    "Müller GmbH",
    "Umbrella",
    "Hooli",
    "Acme",
  );
  it("manual overrides always win; auto matches are unique-best and above the threshold", () => {
    fc.assert(
      fc.property(
        fc.array(names, { minLength: 1, maxLength: 6 }),
        fc.array(names, { maxLength: 6 }),
        fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
        (customerNames, companyNames, overrideIndex) => {
          const customers = customerNames.map((n, i) => customer(`c${i}`, n));
          const companies = companyNames.map((n, i) => company(i + 1, n));
          const overrides =
            overrideIndex === undefined || overrideIndex >= customers.length
              ? new Map<string, number>()
              : new Map([[`c${overrideIndex}`, 99]]);
          const result = matchCustomers({ customers, companies, overrides });
          for (const [id, companyId] of overrides)
            expect(result.get(id)).toEqual({
              kind: "matched",
              companyId,
              method: "manual",
              score: 1,
            });
          for (const match of result.values()) {
            if (match.kind === "matched") expect(match.score).toBeGreaterThanOrEqual(0.9);
            if (match.kind === "review") expect(match.candidates.length).toBeLessThanOrEqual(3);
          }
        },
      ),
    );
  });
});
