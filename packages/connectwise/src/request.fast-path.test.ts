/**
 * Pins the fast paths of request building: simple paths are appended as text and must give
 * exactly what the `new URL(...)` round trip gives; cached headers must equal `buildHeaders`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redactApiUrl, redactUrl } from "./auth.js";
import {
  buildApiUrl,
  buildHeaders,
  createApiUrlBuilder,
  createHeaderBuilder,
  encodeQuery,
} from "./request.js";

/** The URL the general path builds (origin + codebase + path, query appended). */
function viaUrl(origin: string, codebase: string, path: string, query: Record<string, unknown>) {
  const url = new URL(`${origin}/${codebase}apis/3.0${path.startsWith("/") ? path : `/${path}`}`);
  for (const [name, value] of encodeQuery(query as never)) url.searchParams.append(name, value);
  return url.toString();
}

const segment = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const simplePath = fc
  .tuple(fc.boolean(), fc.array(segment, { minLength: 1, maxLength: 5 }))
  .map(([slash, parts]) => `${slash ? "/" : ""}${parts.join("/")}`);
const origins = fc.constantFrom(
  "https://api-na.myconnectwise.net",
  "http://127.0.0.1:8080",
  "http://cw.emulator",
  "HTTPS://API-EU.MyConnectWise.net",
  "https://h:443",
  "https://u:p@h",
  "https://h/sub",
);
const codebases = fc.constantFrom("v2025_1/", "v4_6_release/", "./", "a.b/", "../");
const query = fc.dictionary(
  fc.constantFrom("conditions", "page", "pageSize", "fields", "clientId", "orderBy"),
  fc.oneof(fc.constant(undefined), fc.string(), fc.integer(), fc.boolean()),
);

describe("buildApiUrl fast path", () => {
  it("gives the same URL as the URL round trip for any origin, codebase, simple path and query", () => {
    fc.assert(
      fc.property(origins, codebases, simplePath, query, (origin, codebase, path, q) => {
        expect(buildApiUrl({ origin, codebase, path, query: q })).toBe(
          viaUrl(origin, codebase, path, q),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("leaves a query of undefined values out entirely", () => {
    const url = buildApiUrl({
      origin: "https://h",
      codebase: "v2025_1/",
      path: "/company/companies/250",
      query: { fields: undefined },
    });
    expect(url).toBe("https://h/v2025_1/apis/3.0/company/companies/250");
  });

  it("still rejects unsafe paths (they never take the fast path)", () => {
    for (const path of ["//evil/x", "/a/../b", "https://x/y", "/a#b", "/a/%2e%2e/b"]) {
      expect(() => buildApiUrl({ origin: "https://h", codebase: "v/", path })).toThrow(/path/);
    }
  });
});

describe("createApiUrlBuilder", () => {
  it("gives what buildApiUrl gives, whatever codebase each call uses", () => {
    const calls = fc.array(fc.tuple(codebases, simplePath, query), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(origins, calls, (origin, sequence) => {
        const urlFor = createApiUrlBuilder(origin);
        for (const [codebase, path, q] of sequence) {
          expect(urlFor(codebase, path, q)).toBe(buildApiUrl({ origin, codebase, path, query: q }));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("still rejects unsafe paths", () => {
    const urlFor = createApiUrlBuilder("https://h");
    expect(urlFor("v/", "/company/companies")).toBe("https://h/v/apis/3.0/company/companies");
    for (const path of ["//evil/x", "/a/../b", "https://x/y", "/a#b", "/a/%2e%2e/b"]) {
      expect(() => urlFor("v/", path)).toThrow(/path/);
    }
  });
});

describe("redactApiUrl", () => {
  it("equals redactUrl for every URL buildApiUrl returns", () => {
    fc.assert(
      fc.property(origins, codebases, simplePath, query, (origin, codebase, path, q) => {
        const href = buildApiUrl({ origin, codebase, path, query: q });
        expect(redactApiUrl(href)).toBe(redactUrl(href));
      }),
      { numRuns: 500 },
    );
  });
});

describe("createHeaderBuilder", () => {
  const settings = {
    credentials: { companyId: "acme", publicKey: "pub", privateKey: "priv", clientId: "cid" },
    apiVersion: "2025.16",
    userAgent: "ua/1",
  };

  it("returns what buildHeaders returns, key order included", () => {
    const headersFor = createHeaderBuilder(settings);
    const extras = [undefined, { Authorization: "forged", "Pagination-Type": "forward-only" }];
    for (const hasBody of [false, true]) {
      for (const extra of extras) {
        const expected = buildHeaders({ ...settings, hasBody, ...(extra ? { extra } : {}) });
        expect(Object.entries(headersFor(hasBody, extra))).toEqual(Object.entries(expected));
      }
    }
  });

  it("hands out a fresh object each call, so a caller changing one cannot affect the next", () => {
    const headersFor = createHeaderBuilder(settings);
    const first = headersFor(false);
    first.authorization = "changed";
    first["x-added"] = "1";
    expect(headersFor(false)).toEqual(buildHeaders({ ...settings, hasBody: false }));
  });
});
