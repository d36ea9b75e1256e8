import { describe, expect, it } from "vitest";
import { collect, count, paginate, type PagingCore } from "./paginate.js";
import type { ConnectWiseResponse, RequestOptions } from "./types.js";

interface Row {
  id: number;
}
const rows = (from: number, to: number): Row[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ id: from + i }));

/** A fake kernel: `respond(call)` returns [data, headers]. */
function fakeCore(
  respond: (options: RequestOptions, n: number) => [unknown, Record<string, string>?],
) {
  const calls: Array<{ path: string; options: RequestOptions }> = [];
  const core: PagingCore = {
    requestWithResponse: <T>(_method: string, path: string, options: RequestOptions = {}) => {
      calls.push({ path, options });
      const [data, headers = {}] = respond(options, calls.length);
      const response: ConnectWiseResponse<unknown> = {
        status: 200,
        headers: new Headers(headers),
        data,
        url: `https://h${path}`,
      };
      return Promise.resolve(response as ConnectWiseResponse<T>);
    },
  };
  return { core, calls };
}

async function pages<T>(iterator: AsyncIterable<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const page of iterator) out.push(page);
  return out;
}

describe("paginate: page numbers", () => {
  it("stops on a short page when there is no Link header", async () => {
    const { core, calls } = fakeCore((o) => [o.query?.page === 3 ? rows(5, 5) : rows(1, 2)]);
    const result = await pages(
      paginate<Row>(core, "/company/companies", {
        pageSize: 2,
        conditions: "a = 1",
        fields: ["id", "name"],
      }),
    );
    expect(result.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(calls.map((c) => c.options.query)).toEqual(
      [1, 2, 3].map((page) => ({
        conditions: "a = 1",
        childConditions: undefined,
        customFieldConditions: undefined,
        orderBy: undefined,
        fields: "id,name",
        pageSize: 2,
        page,
      })),
    );
  });

  it("follows Link rel=next and stops when there is none, even on a full page", async () => {
    const link = (page: number) =>
      `<https://h/v/apis/3.0/x?pageSize=2&page=${page}>; rel="next", <https://h/x?page=9>; rel="last"`;
    const { core, calls } = fakeCore((_o, n) => [
      rows(n * 2 - 1, n * 2),
      n === 1
        ? { link: link(2) }
        : n === 2
          ? { link: link(5) }
          : { link: '<https://h/x?page=1>; rel="first"' },
    ]);
    const result = await pages(paginate<Row>(core, "/x", { pageSize: 2 }));
    expect(result).toHaveLength(3);
    expect(calls.map((c) => c.options.query?.page)).toEqual([1, 2, 5]);
  });

  it("stops on an empty first page without yielding", async () => {
    const { core } = fakeCore(() => [[]]);
    expect(await pages(paginate(core, "/x"))).toEqual([]);
  });

  it("defaults to pageSize 1000 and rejects sizes above it", () => {
    const { core } = fakeCore(() => [[]]);
    expect(() => paginate(core, "/x", { pageSize: 1001 })).toThrow(
      /pageSize must be an integer 1..1000/,
    );
  });

  it("fails clearly when the body is not an array", async () => {
    const { core } = fakeCore(() => [{ id: 1 }]);
    await expect(pages(paginate(core, "/x"))).rejects.toMatchObject({ code: "CW_PAGINATION" });
  });
});

describe("paginate: forward-only", () => {
  it("sends the header, takes pageId from the Link next URL and stops on a short page", async () => {
    const { core, calls } = fakeCore((o) => {
      const after = Number(o.query?.pageId ?? 0);
      const data = after >= 4 ? rows(after + 1, after + 1) : rows(after + 1, after + 2);
      return [data, { link: `<https://h/x?pageSize=2&pageId=${after + 2}>; rel="next"` }];
    });
    const result = await pages(
      paginate<Row>(core, "/company/configurations", { mode: "forward-only", pageSize: 2 }),
    );
    expect(result.flat().map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    expect(calls.map((c) => c.options.query?.pageId)).toEqual([undefined, 2, 4]);
    expect(calls[0]!.options.headers).toEqual({ "pagination-type": "forward-only" });
  });

  it("falls back to the last id without a Link header", async () => {
    const { core, calls } = fakeCore((o) => {
      const after = Number(o.query?.pageId ?? 0);
      return [after >= 20 ? [] : [{ id: after + 7 }, { id: after + 10 }]];
    });
    await pages(paginate<Row>(core, "/x", { mode: "forward-only", pageSize: 2 }));
    expect(calls.map((c) => c.options.query?.pageId)).toEqual([undefined, 10, 20]);
  });

  it("refuses orderBy and detects an endpoint that ignores pageId", async () => {
    const { core } = fakeCore(() => [rows(1, 2)]);
    expect(() => paginate(core, "/x", { mode: "forward-only", orderBy: "id" })).toThrow(
      /drop orderBy/,
    );
    await expect(
      pages(paginate(core, "/x", { mode: "forward-only", pageSize: 2 })),
    ).rejects.toMatchObject({ code: "CW_PAGINATION" });
  });
});

describe("collect", () => {
  it("maps, limits (shrinking pageSize) and stops early", async () => {
    const { core, calls } = fakeCore((o) => [rows(1, Number(o.query?.pageSize))]);
    expect(await collect<Row, number>(core, "/x", { map: (r) => r.id * 10, limit: 3 })).toEqual([
      10, 20, 30,
    ]);
    expect(calls[0]!.options.query?.pageSize).toBe(3);

    const long = fakeCore((o) => [
      rows(1, 2).map((r) => ({ id: r.id + 2 * (Number(o.query?.page) - 1) })),
    ]);
    const stopped = await collect<Row>(long.core, "/x", {
      pageSize: 2,
      stop: (page) => page.some((r) => r.id >= 3),
    });
    expect(stopped.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    expect(long.calls).toHaveLength(2);
  });

  it("returns nothing for limit 0 without calling the server", async () => {
    const { core, calls } = fakeCore(() => [[]]);
    expect(await collect(core, "/x", { limit: 0 })).toEqual([]);
    expect(calls).toHaveLength(0);
  });
});

describe("count", () => {
  it("calls {path}/count with the filters only", async () => {
    const { core, calls } = fakeCore(() => [{ count: 42 }]);
    expect(
      await count(core, "/service/tickets/", { conditions: "closedFlag = false", orderBy: "id" }),
    ).toBe(42);
    expect(calls[0]).toEqual({
      path: "/service/tickets/count",
      options: {
        query: {
          conditions: "closedFlag = false",
          childConditions: undefined,
          customFieldConditions: undefined,
        },
      },
    });
  });

  it("rejects a body without a count", async () => {
    const { core } = fakeCore(() => [[]]);
    await expect(count(core, "/x")).rejects.toMatchObject({ code: "CW_REQUEST" });
  });
});
