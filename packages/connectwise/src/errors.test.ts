import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { basicAuthorization, redactUrl } from "./auth.js";
import { classifyFailure, classifyResponse } from "./classify.js";
import { ConnectWiseError, ConnectWiseRateLimitError } from "./errors.js";

const PRIVATE_KEY = "PRIV-planted-8f3a9c";
const PUBLIC_KEY = "PUB-planted-1b2c";
const CLIENT_ID = "CLIENT-planted-77e1";
const SECRETS = [
  PRIVATE_KEY,
  PUBLIC_KEY,
  CLIENT_ID,
  basicAuthorization({ companyId: "acme", publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY }),
];

function allOutput(error: unknown): string {
  return [
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
    String(error),
  ].join("\n");
}

describe("errors never expose secrets", () => {
  const url = redactUrl(
    `https://acme:${PRIVATE_KEY}@api-na.myconnectwise.net/v2025_1/apis/3.0/x?clientId=${CLIENT_ID}&privateKey=${PRIVATE_KEY}&page=2`,
  );

  it("redactUrl drops user-info and secret query params", () => {
    expect(url).toBe(
      "https://api-na.myconnectwise.net/v2025_1/apis/3.0/x?clientId=%5BREDACTED%5D&privateKey=%5BREDACTED%5D&page=2",
    );
  });

  it.each([
    () =>
      classifyResponse({
        request: { method: "GET", url },
        idempotent: true,
        status: 401,
        headers: new Headers(),
        body: { code: "Unauthorized" },
      }),
    () =>
      classifyResponse({
        request: { method: "POST", url },
        idempotent: false,
        status: 500,
        headers: new Headers(),
        body: "boom",
      }),
    () =>
      classifyFailure({
        request: { method: "POST", url },
        idempotent: false,
        cause: new TypeError("fetch failed"),
        timedOut: true,
        aborted: false,
      }),
  ])("case %#", (make) => {
    const output = allOutput(make());
    for (const secret of SECRETS) expect(output).not.toContain(secret);
    expect(output).toContain("REDACTED");
  });
});

describe("ConnectWiseError", () => {
  it("has a stable code, name and JSON form", () => {
    const error = new ConnectWiseRateLimitError({
      message: "slow",
      status: 429,
      retryAfterMs: 1000,
    });
    expect(error).toBeInstanceOf(ConnectWiseError);
    expect(error.name).toBe("ConnectWiseRateLimitError");
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "ConnectWiseRateLimitError",
      code: "CW_RATE_LIMITED",
      message: "slow",
      status: 429,
      retryAfterMs: 1000,
    });
  });
});
