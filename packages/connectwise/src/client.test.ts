import { describe, expect, it, vi } from "vitest";
import { createConnectWiseCore } from "./client.js";
import {
  ConnectWiseAbortError,
  ConnectWiseNotFoundError,
  ConnectWiseOutcomeUnknownError,
  ConnectWiseRequestError,
  ConnectWiseTimeoutError,
  ConnectWiseUnknownCompanyError,
} from "./errors.js";
import type { RequestInfo, ResponseInfo } from "./hooks.js";
import type { ConnectWiseOptions } from "./options.js";

type Handler = (url: URL, init: RequestInit) => Response | Promise<Response>;

function stubFetch(handler: Handler) {
  const calls: Array<{ url: URL; init: RequestInit }> = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input);
    calls.push({ url, init: init ?? {} });
    return handler(url, init ?? {});
  }) as typeof globalThis.fetch;
  return { fetch, calls, api: () => calls.filter((c) => !c.url.pathname.startsWith("/login/")) };
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { "content-type": "application/json", ...(init.headers as Record<string, string>) },
  });

/** companyinfo answers `codebases[n]` on the n-th discovery; API calls go to `api`. */
function cloud(api: Handler, codebases: string[] = ["v2025_1/"]) {
  let discoveries = 0;
  return stubFetch((url, init) => {
    if (url.pathname.startsWith("/login/companyinfo/")) {
      const codebase = codebases[Math.min(discoveries++, codebases.length - 1)];
      return json({ CompanyName: "Acme", Codebase: codebase, CompanyID: "acme", IsCloud: "True" });
    }
    return api(url, init);
  });
}

const base: ConnectWiseOptions = {
  site: "na",
  companyId: "acme",
  publicKey: "pub",
  privateKey: "priv",
  clientId: "client-guid",
  log: { warn: () => undefined, error: () => undefined },
};

describe("createConnectWiseCore: request pipeline", () => {
  it("builds the URL from the discovered codebase and sends auth, clientId and version headers", async () => {
    const stub = cloud(() => json({ id: 1 }, { status: 201 }));
    const core = createConnectWiseCore({ ...base, fetch: stub.fetch });
    const created = await core.request("POST", "/service/tickets", { body: { summary: "x" } });
    expect(created).toEqual({ id: 1 });
    const [discovery, call] = stub.calls;
    expect(discovery!.url.toString()).toBe(
      "https://api-na.myconnectwise.net/login/companyinfo/acme",
    );
    expect(new Headers(discovery!.init.headers).get("authorization")).toBeNull();
    expect(call!.url.toString()).toBe(
      "https://api-na.myconnectwise.net/v2025_1/apis/3.0/service/tickets",
    );
    const headers = new Headers(call!.init.headers);
    expect(headers.get("authorization")).toBe(
      `Basic ${Buffer.from("acme+pub:priv").toString("base64")}`,
    );
    expect(headers.get("clientid")).toBe("client-guid");
    expect(headers.get("accept")).toBe("application/vnd.connectwise.com+json; version=2025.16");
    expect(headers.get("content-type")).toBe("application/json");
    expect(call!.init.body).toBe('{"summary":"x"}');
    expect(call!.init.redirect).toBe("manual");
  });

  it("sends no Content-Type without a body, encodes the query and prints conditions ASTs", async () => {
    const stub = cloud(() => json([]));
    const core = createConnectWiseCore({ ...base, codebase: "v4_6_release", fetch: stub.fetch });
    await core.request("GET", "/company/companies", {
      query: {
        conditions: {
          kind: "cmp",
          field: "name",
          op: "contains",
          value: { kind: "string", value: "a+b c" },
        },
        orderBy: "name asc",
        page: 2,
        skip: undefined,
      },
    });
    const [call] = stub.calls;
    expect(stub.calls).toHaveLength(1);
    expect(call!.url.search).toBe(
      "?conditions=name+contains+%22a%2Bb+c%22&orderBy=name+asc&page=2",
    );
    expect(call!.url.pathname).toBe("/v4_6_release/apis/3.0/company/companies");
    expect(new Headers(call!.init.headers).get("content-type")).toBeNull();
  });

  it("returns undefined for 204 and exposes status and headers", async () => {
    const stub = cloud(
      () => new Response(null, { status: 204, headers: { "x-cw-request-id": "r1" } }),
    );
    const core = createConnectWiseCore({ ...base, fetch: stub.fetch });
    const response = await core.requestWithResponse("DELETE", "/service/tickets/5");
    expect(response.status).toBe(204);
    expect(response.data).toBeUndefined();
    expect(response.headers.get("x-cw-request-id")).toBe("r1");
  });

  it("treats a redirect as an error instead of following it", async () => {
    const stub = cloud(
      () => new Response(null, { status: 302, headers: { location: "https://evil.example" } }),
    );
    const core = createConnectWiseCore({ ...base, fetch: stub.fetch });
    await expect(core.request("GET", "/system/info")).rejects.toBeInstanceOf(
      ConnectWiseRequestError,
    );
  });

  it("rejects paths that would leave the API root", async () => {
    const stub = cloud(() => json({}));
    const core = createConnectWiseCore({ ...base, codebase: "v2025_1/", fetch: stub.fetch });
    for (const path of [
      "https://evil.example/x",
      "//evil.example/x",
      "/a/../../login",
      "/a/%2e%2e/x",
    ]) {
      await expect(core.request("GET", path)).rejects.toMatchObject({ code: "CW_CONFIG" });
    }
    expect(stub.calls).toHaveLength(0);
  });
});

describe("createConnectWiseCore: wrappers", () => {
  it("a wrapper added after the first request surrounds every later request", async () => {
    const stub = cloud(() => json({ id: 1 }));
    const core = createConnectWiseCore({ ...base, fetch: stub.fetch });
    await core.request("GET", "/a");
    const seen: string[] = [];
    core.hook.wrap((next, request) => {
      seen.push(`outer ${request.path}`);
      return next(request);
    });
    core.hook.wrap((next, request) => {
      seen.push(`outermost ${request.path}`);
      return next(request);
    });
    await core.request("GET", "/b");
    expect(seen).toEqual(["outermost /b", "outer /b"]);
  });

  it("wrappers see the call options plus method, path, idempotent, priority and attempt", async () => {
    const stub = cloud(() => json({ id: 1 }));
    const core = createConnectWiseCore({ ...base, fetch: stub.fetch });
    const seen: unknown[] = [];
    core.hook.wrap((next, request) => {
      seen.push(request);
      return next(request);
    });
    await core.request("PATCH", "/c/1", {
      body: [{ op: "replace", path: "name", value: "x" }],
      query: { fields: "id" },
      headers: { "x-extra": "1" },
    });
    await core.request("POST", "/c", { body: {}, idempotent: true, priority: "high" });
    expect(seen).toEqual([
      {
        method: "PATCH",
        path: "/c/1",
        body: [{ op: "replace", path: "name", value: "x" }],
        query: { fields: "id" },
        headers: { "x-extra": "1" },
        idempotent: true,
        priority: "normal",
        attempt: 1,
      },
      { method: "POST", path: "/c", body: {}, idempotent: true, priority: "high", attempt: 1 },
    ]);
  });
});

describe("createConnectWiseCore: codebase", () => {
  it("shares one discovery between concurrent first calls and caches it", async () => {
    const stub = cloud(() => json({}));
    const core = createConnectWiseCore({ ...base, fetch: stub.fetch });
    await Promise.all([core.request("GET", "/a"), core.request("GET", "/b"), core.codebase()]);
    await core.request("GET", "/c");
    expect(stub.calls.filter((c) => c.url.pathname.startsWith("/login/"))).toHaveLength(1);
    expect(await core.codebase()).toBe("v2025_1/");
  });

  it("does not cache a failed discovery", async () => {
    let fail = true;
    const stub = stubFetch((url) => {
      if (url.pathname.startsWith("/login/")) {
        if (fail) return ((fail = false), json({ code: "x" }, { status: 503 }));
        return json({ Codebase: "v2025_1/" });
      }
      return json({ ok: true });
    });
    const core = createConnectWiseCore({ ...base, fetch: stub.fetch });
    await expect(core.request("GET", "/system/info")).rejects.toMatchObject({ code: "CW_SERVER" });
    await expect(core.request("GET", "/system/info")).resolves.toEqual({ ok: true });
  });

  it("reports an unknown company when companyinfo answers null", async () => {
    const stub = stubFetch(() => new Response("null", { status: 200 }));
    const core = createConnectWiseCore({ ...base, fetch: stub.fetch });
    const error: unknown = await core.request("GET", "/system/info").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectWiseUnknownCompanyError);
    expect(error).toMatchObject({ code: "CW_UNKNOWN_COMPANY" });
  });

  it("re-discovers once on a 404 and re-sends when the codebase moved", async () => {
    const stub = cloud(
      (url) =>
        url.pathname.startsWith("/v2025_2/")
          ? json({ id: 9 })
          : json({ code: "NotFound" }, { status: 404 }),
      ["v2025_1/", "v2025_2/"],
    );
    const core = createConnectWiseCore({ ...base, fetch: stub.fetch });
    await expect(core.request("GET", "/service/tickets/9")).resolves.toEqual({ id: 9 });
    expect(stub.api().map((c) => c.url.pathname)).toEqual([
      "/v2025_1/apis/3.0/service/tickets/9",
      "/v2025_2/apis/3.0/service/tickets/9",
    ]);
  });

  it("throws the 404 when the codebase did not change, and re-discovers at most once per cool-down", async () => {
    const stub = cloud(() => json({ code: "NotFound", message: "no ticket" }, { status: 404 }));
    const core = createConnectWiseCore({ ...base, fetch: stub.fetch });
    await expect(core.request("GET", "/service/tickets/1")).rejects.toBeInstanceOf(
      ConnectWiseNotFoundError,
    );
    await expect(core.request("GET", "/service/tickets/2")).rejects.toBeInstanceOf(
      ConnectWiseNotFoundError,
    );
    expect(stub.calls.filter((c) => c.url.pathname.startsWith("/login/"))).toHaveLength(2);
    expect(stub.api()).toHaveLength(2);
  });
});

describe("createConnectWiseCore: hooks and failures", () => {
  it("calls before/after/error with redacted info and swallows observer failures", async () => {
    const seen: Array<RequestInfo | ResponseInfo> = [];
    const warn = vi.fn();
    const stub = cloud((url) =>
      url.pathname.endsWith("/bad")
        ? json({ code: "Security" }, { status: 403 })
        : json({}, { headers: { "x-cw-request-id": "rid" } }),
    );
    const core = createConnectWiseCore({
      ...base,
      fetch: stub.fetch,
      log: { warn },
      hooks: {
        before: (info) => void seen.push(info),
        after: (info) => {
          seen.push(info);
          throw new Error("observer broke");
        },
        error: (error, info) =>
          void seen.push({ ...info, status: error.status ?? 0, durationMs: -1 }),
      },
    });
    await core.request("GET", "/ok", { query: { clientId: "leak" } });
    await expect(core.request("GET", "/bad")).rejects.toMatchObject({ code: "CW_PERMISSION" });
    expect(seen[0]).toEqual({
      id: 1,
      method: "GET",
      url: "https://api-na.myconnectwise.net/v2025_1/apis/3.0/ok?clientId=%5BREDACTED%5D",
      attempt: 1,
    });
    expect(seen[1]).toMatchObject({ id: 1, status: 200, requestId: "rid", attempt: 1 });
    expect(seen[2]).toMatchObject({ id: 2, attempt: 1 });
    expect(seen[3]).toMatchObject({
      id: 2,
      status: 403,
      url: expect.stringContaining("/bad") as string,
    });
    expect(warn).toHaveBeenCalledWith("connectwise: after hook failed", {
      error: "observer broke",
    });
  });

  it("a before hook can cancel the request", async () => {
    const stub = cloud(() => json({}));
    const core = createConnectWiseCore({
      ...base,
      fetch: stub.fetch,
      hooks: { before: () => Promise.reject(new Error("no")) },
    });
    await expect(core.request("GET", "/x")).rejects.toThrow("no");
    expect(stub.api()).toHaveLength(0);
  });

  const hanging = (): typeof fetch =>
    cloud(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          init.signal?.addEventListener("abort", () => reject(init.signal?.reason as Error));
        }),
    ).fetch;

  it("times out a read with ConnectWiseTimeoutError and a create with outcome-unknown", async () => {
    const core = createConnectWiseCore({ ...base, fetch: hanging(), timeoutMs: 20 });
    await expect(core.request("GET", "/x")).rejects.toBeInstanceOf(ConnectWiseTimeoutError);
    const error: unknown = await core.request("POST", "/x", { body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectWiseOutcomeUnknownError);
    expect((error as Error).cause).toBeInstanceOf(ConnectWiseTimeoutError);
  });

  it("uses the per-call timeout and reports caller aborts as CW_ABORTED", async () => {
    const core = createConnectWiseCore({ ...base, fetch: hanging() });
    await expect(core.request("GET", "/x", { timeoutMs: 10 })).rejects.toBeInstanceOf(
      ConnectWiseTimeoutError,
    );
    const controller = new AbortController();
    const pending = core.request("POST", "/x", { body: {}, signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toBeInstanceOf(ConnectWiseAbortError);
  });
});
