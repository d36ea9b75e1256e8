import { describe, expect, it } from "vitest";
import { createConnectWise } from "../create-connectwise.js";
import type { AttemptErrorInfo } from "../hooks.js";
import { ConnectWiseServerError } from "../errors.js";
import type { ConnectWiseOptions } from "../options.js";
import { DEFAULT_RETRY_OPTIONS, retryVerdict, shouldRetry, type RetryOptions } from "./retry.js";

/** A client over a scripted fetch (each API call takes the next status; 200 when none is left). */
function clientWith(statuses: number[], retry: RetryOptions | false, extra = {}) {
  const seen: AttemptErrorInfo[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (url.pathname.startsWith("/login/companyinfo/")) {
      return Response.json({ Codebase: "v2025_1/" });
    }
    const status = statuses.shift() ?? 200;
    if (status === -1) {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
      });
    }
    const headers = status === 429 ? { "retry-after": "1" } : undefined;
    return Response.json({ id: 1 }, { status, ...(headers ? { headers } : {}) });
  }) as typeof globalThis.fetch;
  const options: ConnectWiseOptions = {
    site: "http://cw.emulator",
    allowInsecure: true,
    companyId: "cwbridge",
    publicKey: "pub",
    privateKey: "priv",
    clientId: "client",
    fetch,
    throttle: false,
    retry,
    hooks: { error: (_error, info) => void seen.push(info) },
    ...extra,
  };
  return { cw: createConnectWise(options), seen };
}

const quick = { sleep: async () => undefined, random: () => 0.5, baseDelayMs: 100 };

describe("retry plugin: its decision is on the error hook's info", () => {
  it("records the delay of each retry, then `max-retries` when it gives up", async () => {
    const { cw, seen } = clientWith([503, 503, 503], { ...quick, maxRetries: 2 });
    await expect(cw.request("GET", "/x")).rejects.toMatchObject({ code: "CW_SERVER" });
    expect(seen.map((info) => [info.attempt, info.idempotent, info.retry])).toEqual([
      [1, true, { willRetry: true, delayMs: 50, retryCount: 0 }],
      [2, true, { willRetry: true, delayMs: 100, retryCount: 1 }],
      [3, true, { willRetry: false, reason: "max-retries", retryCount: 2 }],
    ]);
  });

  it("records the 429's Retry-After as the delay it waits", async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    const { cw, seen } = clientWith([429], { ...quick, sleep });
    await cw.request("GET", "/x");
    expect(seen[0]?.retry).toEqual({ willRetry: true, delayMs: 1000, retryCount: 0 });
    expect(waits).toEqual([1000]);
  });

  it("a POST whose outcome is unknown: not idempotent, `outcome-unknown`, not re-sent", async () => {
    const { cw, seen } = clientWith([-1], quick);
    await expect(cw.request("POST", "/x", { body: {} })).rejects.toMatchObject({
      code: "CW_OUTCOME_UNKNOWN",
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      idempotent: false,
      retry: { willRetry: false, reason: "outcome-unknown", retryCount: 0 },
    });
  });

  it("a read-only POST marked idempotent is retried after a 503", async () => {
    const search = clientWith([503], quick);
    await search.cw.request("POST", "/x/search", { body: {}, idempotent: true });
    expect(search.seen[0]).toMatchObject({ idempotent: true, retry: { willRetry: true } });
  });

  it("records `deadline` when the wait would pass deadlineMs, and does not retry", async () => {
    const { cw, seen } = clientWith([503, 503], { ...quick, deadlineMs: 10 });
    await expect(cw.request("GET", "/x")).rejects.toMatchObject({ code: "CW_SERVER" });
    expect(seen.map((info) => info.retry)).toEqual([
      { willRetry: false, reason: "deadline", retryCount: 0 },
    ]);
  });

  it("records `not-retryable` for a 401, and nothing at all when retries are off", async () => {
    const auth = clientWith([401], quick);
    await expect(auth.cw.request("GET", "/x")).rejects.toMatchObject({ code: "CW_AUTH" });
    expect(auth.seen[0]?.retry).toMatchObject({ willRetry: false, reason: "not-retryable" });
    const off = clientWith([503], false);
    await expect(off.cw.request("GET", "/x")).rejects.toMatchObject({ code: "CW_SERVER" });
    expect(off.seen).toHaveLength(1);
    expect(off.seen[0]?.retry).toBeUndefined();
  });
});

describe("retryVerdict: why a failure is not retried", () => {
  const serverError = new ConnectWiseServerError({ message: "503", status: 503, isTimeout: false });
  it("names the reason, and `shouldRetry` agrees with it", () => {
    const get = { method: "GET" as const, idempotent: true };
    const post = { method: "POST" as const, idempotent: false };
    const cases = [
      [get, serverError, 1, true],
      [get, serverError, 5, "max-retries"],
      [post, serverError, 1, "not-idempotent"],
      [get, new Error("not ours"), 1, "not-retryable"],
    ] as const;
    for (const [request, error, attempt, expected] of cases) {
      expect(retryVerdict(request, error, attempt, DEFAULT_RETRY_OPTIONS)).toBe(expected);
      expect(shouldRetry(request, error, attempt, DEFAULT_RETRY_OPTIONS)).toBe(expected === true);
    }
  });
});
