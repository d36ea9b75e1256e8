import { describe, expect, it } from "vitest";
import { classifyFailure, classifyResponse, isIdempotentRequest } from "./classify.js";
import {
  ConnectWiseAbortError,
  ConnectWiseAuthError,
  ConnectWiseConnectionError,
  ConnectWiseNotFoundError,
  ConnectWiseOutcomeUnknownError,
  ConnectWisePermissionError,
  ConnectWiseRateLimitError,
  ConnectWiseRequestError,
  ConnectWiseServerError,
  ConnectWiseTimeoutError,
  ConnectWiseValidationError,
} from "./errors.js";
import type { HttpMethod } from "./types.js";

const url = "https://api-na.myconnectwise.net/v2025_1/apis/3.0/service/tickets";
const req = (method: HttpMethod) => ({ method, url });

const TIMEOUT_500 = { code: "ConnectWiseApi", message: "A timeout has occured. Please try again." };
const POOL_500 = {
  code: "ConnectWiseApi",
  message:
    "Timeout expired. The timeout period elapsed prior to obtaining a connection from the pool. This may have occurred because all pooled connections were in use and max pool size was reached.",
};
const CONVERT_500 = {
  code: "ConnectWiseApi",
  message: "Error converting value \"x\" to type 'Int32'.",
};

describe("classifyResponse", () => {
  const cases: Array<[string, HttpMethod, number, unknown, new (...a: never[]) => Error, string]> =
    [
      [
        "400 validation",
        "POST",
        400,
        {
          code: "InvalidObject",
          message: "ticket object is invalid",
          errors: [{ code: "NotFound", field: "status/id" }],
        },
        ConnectWiseValidationError,
        "CW_VALIDATION",
      ],
      [
        "401 auth",
        "GET",
        401,
        { code: "Unauthorized", message: "bad keys" },
        ConnectWiseAuthError,
        "CW_AUTH",
      ],
      [
        "403 permission",
        "GET",
        403,
        { code: "Security", message: "no right" },
        ConnectWisePermissionError,
        "CW_PERMISSION",
      ],
      [
        "404 not found",
        "GET",
        404,
        { code: "NotFound", message: "x" },
        ConnectWiseNotFoundError,
        "CW_NOT_FOUND",
      ],
      [
        "409 request",
        "PUT",
        409,
        { code: "Conflict", message: "in use" },
        ConnectWiseRequestError,
        "CW_REQUEST",
      ],
      [
        "429 rate limit",
        "POST",
        429,
        { error: "ConnectWiseAPI", message: "Too many requests. Please try again in 30 seconds." },
        ConnectWiseRateLimitError,
        "CW_RATE_LIMITED",
      ],
      ["500 on GET", "GET", 500, TIMEOUT_500, ConnectWiseServerError, "CW_SERVER"],
      [
        "503 on PATCH replace",
        "PATCH",
        503,
        "Service Unavailable",
        ConnectWiseServerError,
        "CW_SERVER",
      ],
      [
        "500 timeout on POST",
        "POST",
        500,
        TIMEOUT_500,
        ConnectWiseOutcomeUnknownError,
        "CW_OUTCOME_UNKNOWN",
      ],
      ["504 on POST", "POST", 504, "", ConnectWiseOutcomeUnknownError, "CW_OUTCOME_UNKNOWN"],
      ["500 convert on POST", "POST", 500, CONVERT_500, ConnectWiseServerError, "CW_SERVER"],
    ];

  it.each(cases)("%s", (_name, method, status, body, type, code) => {
    const idempotent = isIdempotentRequest(
      method,
      method === "PATCH" ? [{ op: "replace", path: "summary" }] : undefined,
    );
    const error = classifyResponse({
      request: req(method),
      idempotent,
      status,
      headers: new Headers(),
      body,
    });
    expect(error).toBeInstanceOf(type);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.request).toEqual(req(method));
  });

  it("keeps the ConnectWise body code, errors[] and request id", () => {
    const error = classifyResponse({
      request: req("POST"),
      idempotent: false,
      status: 400,
      headers: new Headers({ "x-cw-request-id": "rid-1" }),
      body: {
        code: "InvalidObject",
        message: "ticket object is invalid",
        errors: [{ code: "NotFound", field: "status/id" }],
      },
    });
    expect(error.cwCode).toBe("InvalidObject");
    expect(error.errors).toEqual([{ code: "NotFound", field: "status/id" }]);
    expect(error.requestId).toBe("rid-1");
    expect(error.message).toContain("InvalidObject: ticket object is invalid");
  });

  it.each([
    [TIMEOUT_500, 500, true, false],
    [POOL_500, 500, true, false],
    [CONVERT_500, 500, false, true],
    [{ code: "ConnectWiseApi", message: "Object reference not set" }, 500, false, false],
    ["", 504, true, false],
    ["", 502, false, false],
  ])("server error %#: isTimeout / isPermanent", (body, status, isTimeout, isPermanent) => {
    const error = classifyResponse({
      request: req("GET"),
      idempotent: true,
      status,
      headers: new Headers(),
      body,
    });
    expect(error).toBeInstanceOf(ConnectWiseServerError);
    expect((error as ConnectWiseServerError).isTimeout).toBe(isTimeout);
    expect((error as ConnectWiseServerError).isPermanent).toBe(isPermanent);
  });

  it.each([
    [{ "retry-after": "7" }, undefined, 7000],
    [{ "retry-after": "Wed, 21 Oct 2026 07:28:00 GMT" }, undefined, 60_000],
    [
      {},
      { error: "ConnectWiseAPI", message: "Too many requests. Please try again in 30 seconds." },
      30_000,
    ],
    [{}, { message: "slow down" }, undefined],
  ])("429 retryAfterMs %#", (headers, body, expected) => {
    const error = classifyResponse({
      request: req("GET"),
      idempotent: true,
      status: 429,
      headers: new Headers(headers),
      body,
      now: Date.parse("Wed, 21 Oct 2026 07:27:00 GMT"),
    });
    expect((error as ConnectWiseRateLimitError).retryAfterMs).toBe(expected);
  });

  it("wraps the server error as cause of an outcome-unknown error", () => {
    const error = classifyResponse({
      request: req("POST"),
      idempotent: false,
      status: 502,
      headers: new Headers(),
      body: "",
    });
    expect(error).toBeInstanceOf(ConnectWiseOutcomeUnknownError);
    expect(error.cause).toBeInstanceOf(ConnectWiseServerError);
    expect(error.status).toBe(502);
  });
});

describe("classifyFailure", () => {
  const nodeError = (code: string) =>
    new TypeError("fetch failed", { cause: Object.assign(new Error(`connect ${code}`), { code }) });
  const aggregate = new TypeError("fetch failed", {
    cause: Object.assign(
      new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })]),
      {},
    ),
  });

  const cases: Array<[string, HttpMethod, unknown, boolean, boolean, string, boolean | undefined]> =
    [
      ["refused GET", "GET", nodeError("ECONNREFUSED"), false, false, "CW_CONNECTION", false],
      ["refused POST", "POST", nodeError("ECONNREFUSED"), false, false, "CW_CONNECTION", false],
      ["refused (aggregate) POST", "POST", aggregate, false, false, "CW_CONNECTION", false],
      ["dns POST", "POST", nodeError("ENOTFOUND"), false, false, "CW_CONNECTION", false],
      ["dns again POST", "POST", nodeError("EAI_AGAIN"), false, false, "CW_CONNECTION", false],
      [
        "certificate POST",
        "POST",
        nodeError("CERT_HAS_EXPIRED"),
        false,
        false,
        "CW_CONNECTION",
        false,
      ],
      ["reset GET", "GET", nodeError("ECONNRESET"), false, false, "CW_CONNECTION", true],
      [
        "reset POST",
        "POST",
        nodeError("ECONNRESET"),
        false,
        false,
        "CW_OUTCOME_UNKNOWN",
        undefined,
      ],
      [
        "unknown failure POST",
        "POST",
        new TypeError("fetch failed"),
        false,
        false,
        "CW_OUTCOME_UNKNOWN",
        undefined,
      ],
      [
        "timeout GET",
        "GET",
        new DOMException("t", "TimeoutError"),
        true,
        false,
        "CW_TIMEOUT",
        undefined,
      ],
      [
        "timeout POST",
        "POST",
        new DOMException("t", "TimeoutError"),
        true,
        false,
        "CW_OUTCOME_UNKNOWN",
        undefined,
      ],
      [
        "abort POST",
        "POST",
        new DOMException("a", "AbortError"),
        false,
        true,
        "CW_ABORTED",
        undefined,
      ],
    ];

  it.each(cases)("%s", (_name, method, cause, timedOut, aborted, code, sent) => {
    const idempotent = isIdempotentRequest(method);
    const error = classifyFailure({ request: req(method), idempotent, cause, timedOut, aborted });
    expect(error.code).toBe(code);
    if (sent !== undefined) {
      expect(error).toBeInstanceOf(ConnectWiseConnectionError);
      expect((error as ConnectWiseConnectionError).sent).toBe(sent);
    }
  });

  it("keeps the transport error as cause", () => {
    const cause = nodeError("ECONNRESET");
    const error = classifyFailure({
      request: req("POST"),
      idempotent: false,
      cause,
      timedOut: false,
      aborted: false,
    });
    expect(error.cause).toBeInstanceOf(ConnectWiseConnectionError);
    expect((error.cause as Error).cause).toBe(cause);
    const timeout = classifyFailure({
      request: req("GET"),
      idempotent: true,
      cause,
      timedOut: true,
      aborted: false,
    });
    expect(timeout).toBeInstanceOf(ConnectWiseTimeoutError);
    const abort = classifyFailure({
      request: req("GET"),
      idempotent: true,
      cause,
      timedOut: false,
      aborted: true,
    });
    expect(abort).toBeInstanceOf(ConnectWiseAbortError);
  });
});

describe("isIdempotentRequest", () => {
  it.each([
    ["GET", undefined, true],
    ["PUT", {}, true],
    ["DELETE", undefined, true],
    ["POST", {}, false],
    ["PATCH", [{ op: "replace", path: "summary", value: "x" }], true],
    [
      "PATCH",
      [
        { op: "replace", path: "a", value: 1 },
        { op: "add", path: "b", value: 2 },
      ],
      false,
    ],
    ["PATCH", { op: "replace" }, false],
  ] as const)("%s %j → %s", (method, body, expected) => {
    expect(isIdempotentRequest(method, body)).toBe(expected);
  });
});
