import { describe, expect, it } from "vitest";
import { buildApiUrl, buildHeaders, encodeQuery } from "./request.js";

const credentials = { companyId: "acme", publicKey: "pub", privateKey: "priv", clientId: "cid" };

describe("encodeQuery", () => {
  it("form-encodes: space → +, + → %2B, drops undefined, prints ASTs", () => {
    const query = encodeQuery({
      conditions: 'summary contains "C++ build"',
      childConditions: {
        kind: "cmp",
        field: "id",
        op: "in",
        value: {
          kind: "list",
          items: [
            { kind: "number", value: 1 },
            { kind: "number", value: 2 },
          ],
        },
      },
      pageSize: 1000,
      flag: true,
      none: undefined,
    });
    expect(query.toString()).toBe(
      "conditions=summary+contains+%22C%2B%2B+build%22&childConditions=id+in+%281%2C+2%29&pageSize=1000&flag=true",
    );
  });
});

describe("buildApiUrl", () => {
  it("joins origin, codebase, apis/3.0, path and query", () => {
    expect(
      buildApiUrl({
        origin: "https://h",
        codebase: "v2025_1/",
        path: "company/companies",
        query: { page: 3 },
      }),
    ).toBe("https://h/v2025_1/apis/3.0/company/companies?page=3");
  });
});

describe("buildHeaders", () => {
  it("caller headers cannot override auth, clientId or Accept", () => {
    const headers = buildHeaders({
      credentials,
      apiVersion: "2025.1",
      userAgent: "ua",
      hasBody: false,
      extra: {
        Authorization: "Basic forged",
        ClientId: "forged",
        "pagination-type": "forward-only",
      },
    });
    expect(headers).toEqual({
      authorization: `Basic ${Buffer.from("acme+pub:priv").toString("base64")}`,
      clientid: "cid",
      accept: "application/vnd.connectwise.com+json; version=2025.1",
      "user-agent": "ua",
      "pagination-type": "forward-only",
    });
  });
});
