import { describe, expect, it } from "vitest";
import { describeIssues } from "./describe-issues.js";

describe("describeIssues", () => {
  it("joins each issue as path: message, array indexes in brackets", () => {
    expect(
      describeIssues([
        { path: [3, "name"], message: "Too big" },
        { path: [], message: "Required" },
      ]),
    ).toBe("[3].name: Too big; input: Required");
  });

  it("cuts the list at the limit and says how many more", () => {
    const issues = [1, 2, 3].map((i) => ({ path: ["f"], message: `m${i}` }));
    expect(describeIssues(issues, 2)).toBe("f: m1; f: m2; … 1 more");
  });
});
