import { describe, expect, it } from "vitest";
import { nextLinkParams, parseLinkHeader } from "./link-header.js";

describe("parseLinkHeader", () => {
  it("reads ConnectWise navigable links", () => {
    const header =
      '<https://h/v2017_3/apis/3.0/company/companies?pageSize=50&page=1>; rel="first", <https://h/v2017_3/apis/3.0/company/companies?pageSize=50&page=2>; rel="next", <https://h/x?page=4>; rel="last"';
    expect(parseLinkHeader(header)).toEqual({
      first: "https://h/v2017_3/apis/3.0/company/companies?pageSize=50&page=1",
      next: "https://h/v2017_3/apis/3.0/company/companies?pageSize=50&page=2",
      last: "https://h/x?page=4",
    });
  });

  it("handles unquoted, multi-valued rels, commas inside URLs and garbage", () => {
    expect(parseLinkHeader("<https://h/x?conditions=id+in+(1,2)&page=2>; rel=next")).toEqual({
      next: "https://h/x?conditions=id+in+(1,2)&page=2",
    });
    expect(parseLinkHeader('<a>; rel="next last"')).toEqual({ next: "a", last: "a" });
    expect(parseLinkHeader("nonsense")).toEqual({});
    expect(parseLinkHeader(null)).toEqual({});
  });

  it("runs in linear time on hostile input", () => {
    const hostile = "<".repeat(50_000) + ";rel=" + " ".repeat(50_000);
    const started = performance.now();
    parseLinkHeader(hostile);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("nextLinkParams", () => {
  it("returns the next link's query, or undefined", () => {
    expect(
      nextLinkParams('<https://h/x?pageId=300&pageSize=1000>; rel="next"')?.get("pageId"),
    ).toBe("300");
    expect(nextLinkParams('<https://h/x?page=1>; rel="first"')).toBeUndefined();
  });
});
