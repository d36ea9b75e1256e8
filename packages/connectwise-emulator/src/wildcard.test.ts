import { describe, expect, it } from "vitest";
import { compileLike, matchLike } from "./wildcard.js";

const like = (pattern: string, value: string): boolean => matchLike(compileLike(pattern), value);

describe("like wildcards", () => {
  it.each([
    ["acme*", "ACME Corp", true],
    ["%corp", "Acme Corp", true],
    ["a%c%e", "abcde", true],
    ["a%c%e", "abcd", false],
    ["a*a", "a", false],
    ["a*a", "aa", true],
    ["*", "", true],
    ["exact", "Exact", true],
    ["exact", "exactly", false],
    ["[[]x]*", "[x] tag", true],
    ["[[]x]*", "x] tag", false],
    ["%.%", "a.b", true],
    ["a.c", "abc", false],
  ])("%s ~ %s → %s", (pattern, value, expected) => {
    expect(like(pattern, value)).toBe(expected);
  });

  it("stays fast on patterns that make regex engines backtrack", () => {
    const pattern = `${"*a".repeat(200)}*b`;
    const started = performance.now();
    expect(like(pattern, "a".repeat(20_000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
