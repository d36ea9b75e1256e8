import { inspect } from "node:util";
import { afterEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { createConnectWise } from "./create-connectwise.js";
import { ConnectWiseConnectionError, ConnectWiseOutcomeUnknownError } from "./errors.js";
import type { RequestInfo } from "./hooks.js";
import type { ConnectWiseOptions } from "./options.js";

const PRIVATE_KEY = "PRIVATE-planted-5d1e0c";
const CLIENT_ID = "CLIENTID-planted-9a7b";
const AUTHORIZATION = Buffer.from(`cwbridge+pub:${PRIVATE_KEY}`).toString("base64");

type Handler = (url: URL, init: RequestInit) => Response | Promise<Response>;

/** The in-process emulator shape: one base URL, companyinfo, then `api` for API calls. */
function stubFetch(api: Handler) {
  const calls: Array<{ method: string; url: URL }> = [];
  const fetch = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (url.pathname.startsWith("/login/companyinfo/"))
      return Response.json({ Codebase: "v2025_1/" });
    calls.push({ method: init.method ?? "GET", url });
    return api(url, init);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const reset = () =>
  new TypeError("fetch failed", {
    cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
  });
const refused = () =>
  new TypeError("fetch failed", {
    cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
  });
const TIMEOUT_500 = () =>
  Response.json(
    { code: "ConnectWiseApi", message: "A timeout has occured. Please try again." },
    { status: 500 },
  );

/** A scripted sequence of outcomes, one per API call. */
function script(...steps: Array<() => Response | Error>): Handler {
  return () => {
    const step = steps.shift();
    if (!step) return Response.json({ id: 1 });
    const outcome = step();
    return outcome instanceof Error ? Promise.reject(outcome) : outcome;
  };
}

function options(
  fetch: typeof globalThis.fetch,
  extra: Partial<ConnectWiseOptions> = {},
): ConnectWiseOptions {
  return {
    site: "http://cw.emulator",
    allowInsecure: true,
    companyId: "cwbridge",
    publicKey: "pub",
    privateKey: PRIVATE_KEY,
    clientId: CLIENT_ID,
    fetch,
    log: { warn: () => undefined, error: () => undefined },
    retry: { sleep: () => Promise.resolve(), baseDelayMs: 1 },
    ...extra,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("createConnectWise", () => {
  it("works against an in-process emulator URL and exposes the kernel API", async () => {
    const stub = stubFetch(() => Response.json([{ id: 1 }]));
    const cw = createConnectWise(options(stub.fetch));
    expect(await cw.collect("/company/companies")).toEqual([{ id: 1 }]);
    expect(await cw.codebase()).toBe("v2025_1/");
    expect(stub.calls[0]!.url.toString()).toBe(
      "http://cw.emulator/v2025_1/apis/3.0/company/companies?pageSize=1000&page=1",
    );
    expect(cw.throttleStatus?.()).toMatchObject({ concurrency: 4, active: 0, queued: 0 });
  });

  it("retries an idempotent read after a ConnectWise timeout 500; hooks see each attempt", async () => {
    const attempts: RequestInfo[] = [];
    const stub = stubFetch(script(TIMEOUT_500, () => reset()));
    const cw = createConnectWise(
      options(stub.fetch, { hooks: { before: (info) => void attempts.push(info) } }),
    );
    await expect(cw.request("GET", "/service/tickets/1")).resolves.toEqual({ id: 1 });
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
  });

  it("never re-sends a POST that may have reached the server", async () => {
    for (const failure of [() => reset(), TIMEOUT_500, () => new Response("", { status: 504 })]) {
      const stub = stubFetch(script(failure));
      const cw = createConnectWise(options(stub.fetch));
      const error: unknown = await cw
        .request("POST", "/service/tickets", { body: { summary: "disk" } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectWiseOutcomeUnknownError);
      expect(stub.calls.filter((c) => c.method === "POST")).toHaveLength(1);
    }
  });

  it("re-sends a POST that never left (connection refused) and a read-only POST marked idempotent", async () => {
    const stub = stubFetch(script(() => refused()));
    const cw = createConnectWise(options(stub.fetch));
    await expect(cw.request("POST", "/service/tickets", { body: {} })).resolves.toEqual({ id: 1 });
    expect(stub.calls).toHaveLength(2);

    const search = stubFetch(script(() => new Response("", { status: 503 })));
    const cw2 = createConnectWise(options(search.fetch));
    await cw2.request("POST", "/service/tickets/search", {
      body: { conditions: "id = 1" },
      idempotent: true,
    });
    expect(search.calls).toHaveLength(2);
  });

  it("honours a 429 body hint and pauses the whole client meanwhile", async () => {
    vi.useFakeTimers();
    const limited = () =>
      Response.json(
        { error: "ConnectWiseAPI", message: "Too many requests. Please try again in 30 seconds." },
        { status: 429 },
      );
    const stub = stubFetch(script(limited));
    const cw = createConnectWise(options(stub.fetch, { retry: { baseDelayMs: 1 } }));
    const first = cw.request("GET", "/a");
    await vi.advanceTimersByTimeAsync(10);
    const second = cw.request("GET", "/b");
    await vi.advanceTimersByTimeAsync(29_000);
    expect(stub.calls).toHaveLength(1);
    expect(cw.throttleStatus?.()).toMatchObject({ concurrency: 2, queued: 1 });
    await vi.advanceTimersByTimeAsync(1_100);
    await expect(Promise.all([first, second])).resolves.toEqual([{ id: 1 }, { id: 1 }]);
    expect(stub.calls).toHaveLength(3);
  });

  it("can run without plugins and with extra plugins", async () => {
    const stub = stubFetch(script(() => reset()));
    const order: string[] = [];
    const cw = createConnectWise(
      options(stub.fetch, {
        retry: false,
        throttle: false,
        plugins: [
          (client) => {
            client.hook.wrap(
              (next, request) => (order.push(`attempt ${request.attempt}`), next(request)),
            );
            return { hello: () => "world" };
          },
        ],
      }),
    );
    await expect(cw.request("GET", "/x")).rejects.toBeInstanceOf(ConnectWiseConnectionError);
    expect(stub.calls).toHaveLength(1);
    expect(order).toEqual(["attempt 1"]);
    expect((cw as unknown as { hello(): string }).hello()).toBe("world");
    expect(cw.throttleStatus).toBeUndefined();
  });
});

describe("secrets never leak", () => {
  it("no private key, clientId or Authorization value in logs, hook payloads or errors", async () => {
    const output: string[] = [];
    const record = (...args: unknown[]) => void output.push(inspect(args, { depth: 10 }));
    const stub = stubFetch(
      script(
        () => Response.json({ code: "Unauthorized", message: "bad" }, { status: 401 }),
        () => reset(),
        TIMEOUT_500,
        () =>
          Response.json({ code: "InvalidObject", errors: [{ field: "summary" }] }, { status: 400 }),
        () =>
          Response.json(
            {
              code: "Unauthorized",
              message: `clientId ${CLIENT_ID} unknown`,
              errors: [{ message: `key ${PRIVATE_KEY}` }],
            },
            { status: 401 },
          ),
        () => new Error(`proxy rejected Authorization: Basic ${AUTHORIZATION}`),
      ),
    );
    const cw = createConnectWise(
      options(stub.fetch, {
        log: { debug: record, info: record, warn: record, error: record },
        hooks: { before: record, after: record, error: record },
      }),
    );
    const errors = await Promise.all([
      cw.request("GET", "/a", { query: { clientId: CLIENT_ID } }).catch((e: unknown) => e),
      cw.request("POST", "/b", { body: {} }).catch((e: unknown) => e),
      cw.request("POST", "/c", { body: {} }).catch((e: unknown) => e),
      cw.request("PUT", "/d", { body: {} }).catch((e: unknown) => e),
      cw.request("GET", "/e").catch((e: unknown) => e),
      cw.request("POST", "/f", { body: {} }).catch((e: unknown) => e),
    ]);
    for (const error of errors) {
      output.push(
        JSON.stringify(error),
        inspect(error, { depth: 10, showHidden: true }),
        String(error),
      );
    }
    output.push(inspect(cw, { depth: 5, showHidden: true }), JSON.stringify(cw));
    const all = output.join("\n");
    expect(all).toContain("CW_AUTH");
    expect(all).toContain("proxy rejected Authorization: [REDACTED]");
    for (const secret of [PRIVATE_KEY, CLIENT_ID, AUTHORIZATION]) expect(all).not.toContain(secret);
  });
});

describe("public types", () => {
  it("are generic where callers need it and plugin-aware", () => {
    const cw = createConnectWise(options(stubFetch(() => Response.json({})).fetch));
    expectTypeOf(cw.request<{ id: number }>("GET", "/x")).toEqualTypeOf<Promise<{ id: number }>>();
    expectTypeOf(cw.collect<{ id: number }, string>)
      .parameter(1)
      .exclude<undefined>()
      .toHaveProperty("map")
      .toEqualTypeOf<((row: { id: number }) => string) | undefined>();
    expectTypeOf(cw.paginate<{ id: number }>("/x")).toEqualTypeOf<
      AsyncIterableIterator<{ id: number }[]>
    >();
    expectTypeOf(cw.codebase()).toEqualTypeOf<Promise<string>>();
    // @ts-expect-error: only GET, POST, PUT, PATCH and DELETE are accepted
    void cw.request("FETCH", "/x").catch(() => undefined);
  });
});
