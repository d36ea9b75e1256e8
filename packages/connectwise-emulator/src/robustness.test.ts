import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { call, fixtureEmulator } from "./fixture.test-suite.js";

const PATHS = [
  "/company/companies",
  "/company/companies/1",
  "/company/configurations",
  "/company/configurations/1",
  "/service/tickets",
  "/service/tickets/100",
  "/service/tickets/100/notes",
  "/service/tickets/100/configurations",
  "/service/tickets/search",
  "/finance/agreements/1/additions",
  "/system/callbacks",
  "/time/entries",
];

describe("robustness: no 5xx for any input", () => {
  it("answers arbitrary JSON bodies with a ConnectWise 2xx/4xx", async () => {
    const emulator = fixtureEmulator();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("POST", "PUT", "PATCH", "DELETE"),
        fc.constantFrom(...PATHS),
        fc.oneof(
          fc.jsonValue(),
          fc.array(fc.record({ op: fc.string(), path: fc.string(), value: fc.jsonValue() })),
        ),
        async (method, path, body) => {
          const result = await call(emulator, method, path, { body });
          expect(result.status, `${method} ${path} ${result.text}`).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("answers arbitrary query parameters with a 2xx/4xx", async () => {
    const emulator = fixtureEmulator();
    const names = fc.constantFrom(
      "conditions",
      "childConditions",
      "customFieldConditions",
      "orderBy",
      "fields",
      "page",
      "pageSize",
      "pageId",
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PATHS),
        fc.dictionary(names, fc.string()),
        fc.boolean(),
        async (path, params, forward) => {
          const query = new URLSearchParams(params).toString();
          const headers = forward ? { "pagination-type": "forward-only" } : {};
          const result = await call(emulator, "GET", `${path}?${query}`, { headers });
          expect(result.status, `${path}?${query} ${result.text}`).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("answers raw non-JSON bodies and odd paths with a 4xx", async () => {
    const emulator = fixtureEmulator();
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (raw, segment) => {
        const post = await call(emulator, "POST", "/company/companies", {
          raw,
          headers: { "content-type": "application/json" },
        });
        expect(post.status).toBeLessThan(500);
        const odd = await call(emulator, "GET", `/${encodeURIComponent(segment)}/x`);
        expect(odd.status).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  });
});
