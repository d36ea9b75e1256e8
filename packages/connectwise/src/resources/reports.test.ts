import { describe, expect, it } from "vitest";
import { createConnectWise } from "../create-connectwise.js";
import { ConnectWisePaginationError } from "../errors.js";
import { ConnectWiseArgumentError } from "./errors.js";
import { reportColumns } from "./reports.js";

type Api = (url: URL) => Response;

function client(api: Api) {
  const calls: URL[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (url.pathname.startsWith("/login/companyinfo/"))
      return Response.json({ Codebase: "v2025_1/" });
    calls.push(url);
    return api(url);
  }) as typeof globalThis.fetch;
  const cw = createConnectWise({
    site: "http://cw.emulator",
    allowInsecure: true,
    companyId: "cwbridge",
    publicKey: "pub",
    privateKey: "priv",
    clientId: "client",
    fetch,
    log: { warn: () => undefined, error: () => undefined },
    retry: false,
  });
  return { cw, calls };
}

const DEFS = [
  { Id: { type: "Numeric", isNullable: false, identityColumn: true } },
  { Name: { type: "Text", isNullable: true, identityColumn: false } },
];

/** A three-row report served two rows a page, with navigable Link headers. */
const paged: Api = (url) => {
  const page = Number(url.searchParams.get("page"));
  const rows = [
    [1, "a"],
    [2, "b"],
    [3, "c"],
  ].slice((page - 1) * 2, page * 2);
  const link = page < 2 ? '<http://x/?page=2>; rel="next"' : '<http://x/?page=1>; rel="first"';
  return Response.json({ column_definitions: DEFS, row_values: rows }, { headers: { link } });
};

describe("system.reports", () => {
  it("lists the reports and streams a report's pages, following the Link header", async () => {
    const { cw, calls } = client((url) =>
      url.pathname.endsWith("/system/reports") ? Response.json([{ name: "Service" }]) : paged(url),
    );
    expect(await cw.system.reports.list()).toEqual([{ name: "Service" }]);
    const pages = [];
    for await (const page of cw.system.reports.pages("Service Desk", {
      conditions: 'Name = "a"',
      columns: ["Id", "Name"],
      pageSize: 2,
    })) {
      pages.push(page);
    }
    expect(pages.map((p) => p.rows)).toEqual([
      [
        [1, "a"],
        [2, "b"],
      ],
      [[3, "c"]],
    ]);
    expect(pages[0]?.columns).toEqual([
      { name: "Id", type: "Numeric", isNullable: false, identityColumn: true },
      { name: "Name", type: "Text", isNullable: true, identityColumn: false },
    ]);
    const run = calls[1];
    expect(run?.pathname).toBe("/v2025_1/apis/3.0/system/reports/Service%20Desk");
    expect(run?.searchParams.get("conditions")).toBe('Name = "a"');
    expect(run?.searchParams.get("columns")).toBe("Id,Name");
    expect(calls).toHaveLength(3);
  });

  it("reads /columns in either shape and /count", async () => {
    const { cw } = client((url) =>
      url.pathname.endsWith("/count")
        ? Response.json({ count: 3 })
        : Response.json({ Id: { type: "Numeric", identityColumn: true } }),
    );
    expect(await cw.system.reports.count("Service", { conditions: "Id > 1" })).toBe(3);
    expect(await cw.system.reports.columns("Service")).toEqual([
      { name: "Id", type: "Numeric", isNullable: true, identityColumn: true },
    ]);
    expect(reportColumns(DEFS, "/x").map((c) => c.name)).toEqual(["Id", "Name"]);
  });

  it("refuses a bad name or page size before any request, and a body of the wrong shape", async () => {
    const { cw, calls } = client(() => Response.json([{ id: 1 }]));
    await expect(cw.system.reports.page(" ")).rejects.toBeInstanceOf(ConnectWiseArgumentError);
    await expect(cw.system.reports.page("Service", { pageSize: 5000 })).rejects.toBeInstanceOf(
      ConnectWiseArgumentError,
    );
    expect(calls).toHaveLength(0);
    await expect(cw.system.reports.page("Service")).rejects.toBeInstanceOf(
      ConnectWisePaginationError,
    );
  });
});
