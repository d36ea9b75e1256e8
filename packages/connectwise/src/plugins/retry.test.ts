import { describe, expect, it, vi } from "vitest";
import { classifyFailure, classifyResponse, isIdempotentRequest } from "../classify.js";
import {
  ConnectWiseAuthError,
  ConnectWiseRateLimitError,
  ConnectWiseServerError,
  type ConnectWiseError,
} from "../errors.js";
import type { PipelineRequest, Send } from "../hooks.js";
import type { HttpMethod } from "../types.js";
import {
  backoffMs,
  DEFAULT_RETRY_OPTIONS,
  retryDelayMs,
  retryWrapper,
  shouldRetry,
} from "./retry.js";

const url = "https://h/v2025_1/apis/3.0/x";
const REPLACE = [{ op: "replace", path: "summary", value: "x" }];
const ADD = [{ op: "add", path: "summary", value: "x" }];

function response(
  method: HttpMethod,
  status: number,
  body: unknown = "",
  headers: Record<string, string> = {},
  patch = REPLACE,
) {
  const idempotent = isIdempotentRequest(method, method === "PATCH" ? patch : undefined);
  return classifyResponse({
    request: { method, url },
    idempotent,
    status,
    headers: new Headers(headers),
    body,
  });
}
function failure(method: HttpMethod, code: string | undefined, timedOut = false) {
  const cause = new TypeError(
    "fetch failed",
    code ? { cause: Object.assign(new Error(code), { code }) } : undefined,
  );
  return classifyFailure({
    request: { method, url },
    idempotent: isIdempotentRequest(method),
    cause,
    timedOut,
    aborted: false,
  });
}
const TIMEOUT_500 = { code: "ConnectWiseApi", message: "A timeout has occured. Please try again." };

describe("shouldRetry: the client policy matrix (reliability §1.6)", () => {
  const table: Array<[string, HttpMethod, ConnectWiseError, boolean]> = [
    ["GET 500", "GET", response("GET", 500), true],
    ["GET CW timeout 500", "GET", response("GET", 500, TIMEOUT_500), true],
    ["GET 502", "GET", response("GET", 502), true],
    ["GET 503", "GET", response("GET", 503), true],
    ["GET 504", "GET", response("GET", 504), true],
    ["GET 429", "GET", response("GET", 429, "", { "retry-after": "1" }), true],
    ["GET 408", "GET", response("GET", 408), true],
    ["GET reset", "GET", failure("GET", "ECONNRESET"), true],
    ["GET refused", "GET", failure("GET", "ECONNREFUSED"), true],
    ["GET client timeout", "GET", failure("GET", undefined, true), true],
    ["GET 400", "GET", response("GET", 400), false],
    ["GET 401", "GET", response("GET", 401), false],
    ["GET 403", "GET", response("GET", 403), false],
    ["GET 404", "GET", response("GET", 404), false],
    ["GET 422", "GET", response("GET", 422), false],
    ["PUT 503", "PUT", response("PUT", 503), true],
    ["DELETE reset", "DELETE", failure("DELETE", "ECONNRESET"), true],
    ["PATCH replace-only 503", "PATCH", response("PATCH", 503), true],
    ["PATCH with add 503", "PATCH", response("PATCH", 503, "", {}, ADD), false],
    ["POST 429", "POST", response("POST", 429), true],
    ["POST refused", "POST", failure("POST", "ECONNREFUSED"), true],
    ["POST DNS", "POST", failure("POST", "ENOTFOUND"), true],
    ["POST certificate", "POST", failure("POST", "CERT_HAS_EXPIRED"), true],
    ["POST reset after send", "POST", failure("POST", "ECONNRESET"), false],
    ["POST client timeout", "POST", failure("POST", undefined, true), false],
    ["POST CW timeout 500", "POST", response("POST", 500, TIMEOUT_500), false],
    ["POST 502", "POST", response("POST", 502), false],
    ["POST 504", "POST", response("POST", 504), false],
    ["POST 400", "POST", response("POST", 400), false],
    [
      "POST 500 convert error",
      "POST",
      response("POST", 500, { message: "Error converting value" }),
      false,
    ],
  ];

  it.each(table)("%s (expected retry: %$)", (_name, method, error, expected) => {
    const idempotent =
      method === "PATCH" ? error.code !== "CW_OUTCOME_UNKNOWN" : isIdempotentRequest(method);
    expect(shouldRetry({ method, idempotent }, error, 1, DEFAULT_RETRY_OPTIONS)).toBe(expected);
  });

  it("stops after maxRetries and ignores foreign errors", () => {
    const error = response("GET", 503);
    expect(shouldRetry({ method: "GET", idempotent: true }, error, 4, { maxRetries: 4 })).toBe(
      true,
    );
    expect(shouldRetry({ method: "GET", idempotent: true }, error, 5, { maxRetries: 4 })).toBe(
      false,
    );
    expect(
      shouldRetry({ method: "GET", idempotent: true }, new Error("x"), 1, { maxRetries: 4 }),
    ).toBe(false);
  });

  it("retries a read-only POST marked idempotent (e.g. tickets/search)", () => {
    const error = classifyResponse({
      request: { method: "POST", url },
      idempotent: true,
      status: 503,
      headers: new Headers(),
      body: "",
    });
    expect(shouldRetry({ method: "POST", idempotent: true }, error, 1, DEFAULT_RETRY_OPTIONS)).toBe(
      true,
    );
  });
});

describe("backoffMs / retryDelayMs", () => {
  const options = { ...DEFAULT_RETRY_OPTIONS, baseDelayMs: 100, maxDelayMs: 1000 };

  it("is full-jitter exponential with a cap", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, options, () => 0.999999))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffMs(3, options, () => 0)).toBe(0);
    expect(backoffMs(3, options, () => 0.5)).toBe(200);
  });

  it("uses Retry-After for a 429 and backoff otherwise", () => {
    const limited = new ConnectWiseRateLimitError({ message: "429", retryAfterMs: 30_000 });
    expect(retryDelayMs(limited, 1, { ...options, random: () => 0.5 })).toBe(30_000);
    expect(
      retryDelayMs(new ConnectWiseRateLimitError({ message: "429" }), 2, {
        ...options,
        random: () => 0.5,
      }),
    ).toBe(100);
  });
});

describe("retryWrapper", () => {
  const request: PipelineRequest = {
    method: "GET",
    path: "/x",
    idempotent: true,
    priority: "normal",
    attempt: 1,
  };
  const ok = { status: 200, headers: new Headers(), data: "ok", url };

  function flaky(errors: Error[]): Send & { attempts: number[] } {
    const attempts: number[] = [];
    const send = ((req: PipelineRequest) => {
      attempts.push(req.attempt);
      const error = errors.shift();
      return error ? Promise.reject(error) : Promise.resolve(ok);
    }) as Send & { attempts: number[] };
    send.attempts = attempts;
    return send;
  }

  it("retries with increasing attempt numbers and the computed delays", async () => {
    const sleep = vi.fn((_ms: number) => Promise.resolve());
    const send = flaky([response("GET", 503), response("GET", 429, "", { "retry-after": "7" })]);
    const wrapper = retryWrapper(
      { sleep, random: () => 0.5, baseDelayMs: 10 },
      { debug() {}, info() {}, warn() {}, error() {} },
    );
    await expect(wrapper(send, request)).resolves.toBe(ok);
    expect(send.attempts).toEqual([1, 2, 3]);
    expect(sleep.mock.calls.map((c) => c[0])).toEqual([5, 7000]);
  });

  it("retries a next that throws synchronously, like one that rejects", async () => {
    const sleep = vi.fn((_ms: number) => Promise.resolve());
    const attempts: number[] = [];
    const send: Send = (req) => {
      attempts.push(req.attempt);
      if (req.attempt === 1) throw response("GET", 503);
      return Promise.resolve(ok);
    };
    const wrapper = retryWrapper(
      { sleep, random: () => 0.5, baseDelayMs: 10 },
      { debug() {}, info() {}, warn() {}, error() {} },
    );
    await expect(wrapper(send, request)).resolves.toBe(ok);
    expect(attempts).toEqual([1, 2]);
  });

  it("gives up after maxRetries with the last error", async () => {
    const errors = [1, 2, 3].map(
      () => new ConnectWiseServerError({ message: "503", status: 503, isTimeout: false }),
    );
    const send = flaky([...errors]);
    const wrapper = retryWrapper({ maxRetries: 2, sleep: () => Promise.resolve() }, console);
    await expect(wrapper(send, request)).rejects.toBe(errors[2]);
    expect(send.attempts).toEqual([1, 2, 3]);
  });

  it("never re-sends a final error or an outcome-unknown write", async () => {
    const sleep = vi.fn(() => Promise.resolve());
    const auth = new ConnectWiseAuthError({ message: "401", status: 401 });
    await expect(retryWrapper({ sleep }, console)(flaky([auth]), request)).rejects.toBe(auth);
    const unknown = failure("POST", "ECONNRESET");
    const post = { ...request, method: "POST" as const, idempotent: false };
    const send = flaky([unknown]);
    await expect(retryWrapper({ sleep }, console)(send, post)).rejects.toMatchObject({
      code: "CW_OUTCOME_UNKNOWN",
    });
    expect(send.attempts).toEqual([1]);
    expect(sleep).not.toHaveBeenCalled();
  });

  it("stops when the next wait would pass the deadline", async () => {
    let clock = 0;
    const send = flaky([response("GET", 429, "", { "retry-after": "120" })]);
    const wrapper = retryWrapper(
      { deadlineMs: 60_000, now: () => clock, sleep: (ms) => ((clock += ms), Promise.resolve()) },
      console,
    );
    await expect(wrapper(send, request)).rejects.toMatchObject({ code: "CW_RATE_LIMITED" });
    expect(send.attempts).toEqual([1]);
  });

  it("the default sleep is abortable", async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      const send = flaky([response("GET", 503)]);
      const pending = retryWrapper({ baseDelayMs: 60_000, random: () => 0.9 }, console)(send, {
        ...request,
        signal: controller.signal,
      });
      const assertion = expect(pending).rejects.toMatchObject({ code: "CW_ABORTED" });
      await vi.advanceTimersByTimeAsync(1000);
      controller.abort();
      await assertion;
      expect(send.attempts).toEqual([1]);
    } finally {
      vi.useRealTimers();
    }
  });
});
