import { describe, expect, it } from "vitest";
import { batchIdConditions, collectByIds } from "./batch-ids.js";
import type { PagingCore } from "./paginate.js";
import type { ConnectWiseResponse, RequestOptions } from "./types.js";

const encoded = (conditions: string) =>
  new URLSearchParams({ conditions }).toString().length - "conditions=".length;

describe("batchIdConditions", () => {
  it("keeps small lists in one condition and dedupes", () => {
    expect(batchIdConditions([3, 1, 2, 3])).toEqual(["id in (3,1,2)"]);
    expect(batchIdConditions([])).toEqual([]);
    expect(batchIdConditions([7], { field: "company/id" })).toEqual(["company/id in (7)"]);
  });

  it("splits so that every full URL stays under the limit, counting URL-encoding", () => {
    const ids = Array.from({ length: 3000 }, (_, i) => 100_000 + i);
    const baseUrlLength = 120;
    const batches = batchIdConditions(ids, { maxUrlLength: 2000, baseUrlLength });
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) {
      expect(baseUrlLength + "&conditions=".length + encoded(batch)).toBeLessThanOrEqual(2000);
    }
    const first = batches[0]!;
    const next = `${first.slice(0, -1)},999999)`;
    expect(baseUrlLength + "&conditions=".length + encoded(next)).toBeGreaterThan(2000);
    const all = batches.flatMap((b) => b.slice("id in (".length, -1).split(",").map(Number));
    expect(all).toEqual(ids);
  });

  it("rejects bad ids, fields and impossible limits", () => {
    expect(() => batchIdConditions([1.5])).toThrow(/integers/);
    expect(() => batchIdConditions([1], { field: "id) or (1=1" })).toThrow(/invalid field/);
    expect(() => batchIdConditions([1], { maxUrlLength: 400 })).toThrow(/no room/);
  });
});

describe("collectByIds", () => {
  it("runs each batch ANDed with the extra conditions and concatenates rows", async () => {
    const seen: RequestOptions[] = [];
    const core: PagingCore = {
      requestWithResponse: <T>(_m: string, _p: string, options: RequestOptions = {}) => {
        seen.push(options);
        const ids = /in \(([^)]*)\)/
          .exec(options.query?.conditions as string)![1]!
          .split(",")
          .map(Number);
        const response: ConnectWiseResponse<unknown> = {
          status: 200,
          headers: new Headers(),
          data: ids.map((id) => ({ id })),
          url: "",
        };
        return Promise.resolve(response as ConnectWiseResponse<T>);
      },
    };
    const ids = Array.from({ length: 500 }, (_, i) => 10_000 + i);
    const result = await collectByIds<{ id: number }>(core, "/company/companies", ids, {
      conditions: {
        kind: "cmp",
        field: "deletedFlag",
        op: "=",
        value: { kind: "boolean", value: false },
      },
      maxUrlLength: 1000,
      baseUrlLength: 100,
    });
    expect(result.map((r) => r.id)).toEqual(ids);
    expect(seen.length).toBeGreaterThan(1);
    for (const options of seen)
      expect(options.query?.conditions as string).toMatch(/^\(deletedFlag = false\) and id in \(/);
  });
});
