import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldName, normaliseDomain, normaliseName } from "./normalise-name.js";
import { diceSimilarity } from "./similarity.js";

describe("normaliseName", () => {
  it.each([
    ["Acme Corp.", "acme"],
    ["ACME Corporation", "acme"],
    ["Globex, Inc.", "globex"],
    ["Initech LLC", "initech"],
    ["Initech, L.L.C.", "initech"],
    ["Müller GmbH", "muller"],
    ["Straße AG", "strasse"],
    ["Smith & Co", "smith"],
    ["Johnson & Johnson", "johnson and johnson"],
    ["The Widget Company Pty Ltd", "widget"],
    ["  O'Neil   Consulting   Ltd ", "oneil consulting"],
    ["Société Générale S.A.", "societe generale"],
    ["Company", "company"],
    ["The Co.", "the co"],
    ["Ørsted A/S", "orsted"],
    ["ＡＣＭＥ Ｉｎｃ", "acme"],
  ])("%j → %j", (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });

  it("is idempotent (property)", () => {
    const alphabet = fc.constantFrom(
      ..."aAbBéÉüÜßẞøØ&.,'’- ­ﬁİıΣσς公司0123".split(""),
      " inc",
      " gmbh",
      " l.l.c.",
      "the ",
      " and",
      " co",
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: alphabet }), fc.string(), fc.string({ unit: "grapheme" })),
        (s) => {
          const once = normaliseName(s);
          expect(normaliseName(once)).toBe(once);
          expect(foldName(foldName(s))).toBe(foldName(s));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("normaliseDomain", () => {
  it.each([
    ["https://www.Acme.com/contact", "acme.com"],
    ["acme.com", "acme.com"],
    ["http://user@acme.com:8080/x?y", "acme.com"],
    ["WWW.globex.co.uk.", "globex.co.uk"],
  ])("%j → %j", (input, expected) => {
    expect(normaliseDomain(input)).toBe(expected);
  });
});

describe("diceSimilarity", () => {
  it("is 1 for equal, 0 for disjoint, symmetric and in 0..1", () => {
    expect(diceSimilarity("acme", "acme")).toBe(1);
    expect(diceSimilarity("abc", "xyz")).toBe(0);
    expect(diceSimilarity("initech", "initec")).toBeGreaterThan(0.85);
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const s = diceSimilarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(diceSimilarity(b, a)).toBeCloseTo(s, 12);
      }),
    );
  });
});
