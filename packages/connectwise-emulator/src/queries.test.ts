import { describe, expect, it } from "vitest";
import { call, fixtureEmulator } from "./fixture.test-suite.js";

const emulator = fixtureEmulator();

async function ids(path: string): Promise<number[]> {
  const result = await call(emulator, "GET", path);
  expect(result.status, result.text).toBe(200);
  return (result.body as { id: number }[]).map((row) => row.id);
}

const q = (conditions: string): string => `conditions=${encodeURIComponent(conditions)}`;

describe("conditions", () => {
  it.each([
    ['name = "acme corp"', [1]],
    ["name like 'acme*'", [1]],
    ['name like "%tec%"', [3]],
    ['name not like "%tec%"', [1, 2]],
    ['name contains "EX"', [2]],
    ['name not contains "ex"', [1, 3]],
    ['identifier in ("Acme", "initech")', [1, 3]],
    ["id not in (1, 2)", [3]],
    ["city = null", [3]],
    ["city != null", [1, 2]],
    ['Status/Name = "Active" and id >= 2', [2, 3]],
    ['id = 1 or (id > 2 and not (name = "x"))', [1, 3]],
    ["id < 3 and id != 1", [2]],
  ])("%s", async (conditions, expected) => {
    expect(await ids(`/company/companies?${q(conditions)}`)).toEqual(expected);
  });

  it("decodes + as a space (form encoding)", async () => {
    expect(await ids('/company/companies?conditions=name+like+"Globex*"')).toEqual([2]);
  });

  it("compares dates as instants, including plain lastUpdated on tickets", async () => {
    expect(
      await ids(`/service/tickets?${q("_info/lastUpdated > [2025-05-10T00:00:00Z]")}`),
    ).toEqual([101]);
    expect(await ids(`/service/tickets?${q("lastUpdated < [2025-05-10T02:00:00+02:00]")}`)).toEqual(
      [100],
    );
  });

  it("compares booleans and nested references", async () => {
    expect(await ids(`/company/configurations?${q("activeFlag = false")}`)).toEqual([2]);
    expect(
      await ids(
        `/company/configurations?${q("company/identifier = 'acme' and activeFlag = TRUE")}`,
      ),
    ).toEqual([1]);
    expect(await ids(`/service/tickets?${q("board/id = 2 and closedFlag = false")}`)).toEqual([
      101,
    ]);
  });

  it("supports childConditions over arrays and customFieldConditions", async () => {
    const child =
      'communicationItems/value like "jane@%" and communicationItems/communicationType = "Email"';
    expect(await ids(`/company/contacts?childConditions=${encodeURIComponent(child)}`)).toEqual([
      1,
    ]);
    const custom = 'caption = "AssetTag" and value != null';
    expect(
      await ids(`/company/contacts?customFieldConditions=${encodeURIComponent(custom)}`),
    ).toEqual([1]);
  });

  it.each([
    ["syntax error", "name = "],
    ["unknown field", "nosuchfield = 1"],
    ["bad date", "lastUpdated > [yesterday]"],
  ])("400 InvalidConditions on %s", async (_, conditions) => {
    const result = await call(emulator, "GET", `/company/companies?${q(conditions)}`);
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({
      code: "InvalidObject",
      errors: [{ code: "InvalidConditions", resource: "company", field: "conditions" }],
    });
  });

  it("survives hostile conditions with a 4xx", async () => {
    const hostile = [
      "(".repeat(5000),
      `name = "${"x".repeat(20000)}"`,
      'name like "(a+)+$"',
      "\u0000\uffff",
    ];
    for (const text of hostile) {
      const result = await call(emulator, "GET", `/company/companies?${q(text)}`);
      expect(result.status === 200 || result.status === 400).toBe(true);
    }
  });
});

describe("orderBy and fields", () => {
  it("sorts by one or several keys, nested, asc/desc", async () => {
    expect(await ids("/company/companies?orderBy=name%20desc")).toEqual([3, 2, 1]);
    expect(await ids("/company/configurations?orderBy=company/id+desc,+name+asc")).toEqual([
      3, 1, 2,
    ]);
  });

  it("400s an invalid orderBy", async () => {
    const result = await call(emulator, "GET", "/company/companies?orderBy=name+sideways");
    expect(result.status).toBe(400);
  });

  it("returns partial responses with nested fields", async () => {
    const result = await call(emulator, "GET", "/company/companies/1?fields=id,Name,status/id");
    expect(result.body).toEqual({ id: 1, name: "Acme Corp", status: { id: 1 } });
  });
});

describe("pagination", () => {
  it("defaults to 25 and honours page/pageSize with a Link header", async () => {
    const result = await call(emulator, "GET", "/company/companies?pageSize=1&page=2");
    expect((result.body as { id: number }[]).map((r) => r.id)).toEqual([2]);
    const link = result.headers.get("link") ?? "";
    expect(link).toContain('page=1>; rel="first"');
    expect(link).toContain('page=1>; rel="prev"');
    expect(link).toContain('page=3>; rel="next"');
    expect(link).toContain('page=3>; rel="last"');
    expect(link).toContain("http://cw.emulator/v2025_1/apis/3.0/company/companies?");
  });

  it("omits prev on the first page and next on the last", async () => {
    const first =
      (await call(emulator, "GET", "/company/companies?pageSize=2")).headers.get("link") ?? "";
    expect(first).not.toContain('rel="prev"');
    const last =
      (await call(emulator, "GET", "/company/companies?pageSize=2&page=2")).headers.get("link") ??
      "";
    expect(last).not.toContain('rel="next"');
  });

  it("clamps pageSize above 1000 and rejects non-numeric values", async () => {
    expect((await call(emulator, "GET", "/company/companies?pageSize=5000")).status).toBe(200);
    for (const bad of ["pageSize=abc", "page=0", "pageSize=-1", "page=1.5"]) {
      const result = await call(emulator, "GET", `/company/companies?${bad}`);
      expect(result.status, bad).toBe(400);
    }
  });

  it("pages forward-only with pageId and forbids orderBy", async () => {
    const headers = { "pagination-type": "forward-only" };
    const first = await call(emulator, "GET", "/company/companies?pageSize=2", { headers });
    expect((first.body as { id: number }[]).map((r) => r.id)).toEqual([1, 2]);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("link") ?? "")?.[1] ?? "";
    expect(next).toContain("pageId=2");
    const second = await emulator.fetch(next, {
      headers: { ...headers, ...(await import("./fixture.test-suite.js")).authHeaders() },
    });
    expect(((await second.json()) as { id: number }[]).map((r) => r.id)).toEqual([3]);
    const ordered = await call(emulator, "GET", "/company/companies?orderBy=name+asc", { headers });
    expect(ordered.status).toBe(400);
  });

  it("counts with the same filters", async () => {
    expect(
      (await call(emulator, "GET", `/company/companies/count?${q('name contains "o"')}`)).body,
    ).toEqual({ count: 2 });
    expect((await call(emulator, "GET", "/service/boards/1/statuses/count")).body).toEqual({
      count: 2,
    });
  });

  it("filters child resources by their parent and 404s a missing parent", async () => {
    expect(await ids("/service/boards/2/statuses")).toEqual([3]);
    expect((await call(emulator, "GET", "/service/boards/99/statuses")).status).toBe(404);
    expect((await call(emulator, "GET", "/service/boards/2/statuses/1")).status).toBe(404);
  });

  it("searches tickets with POST /service/tickets/search", async () => {
    const result = await call(emulator, "POST", "/service/tickets/search?fields=id", {
      body: { conditions: 'summary contains "disk"', orderBy: "id desc" },
    });
    expect(result.body).toEqual([{ id: 101 }]);
  });
});
