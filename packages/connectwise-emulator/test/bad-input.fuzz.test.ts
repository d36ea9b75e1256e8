/**
 * Bad input (fast-check, fixed seeds, 1,000 runs each): random conditions strings (arbitrary
 * unicode and grammar-like fragments), random orderBy / fields / page / pageSize / pageId, and
 * random bodies (wrong types, huge strings, nested junk, non-JSON text) to the writes of
 * tickets, companies and configurations. With faults off the emulator never throws, never
 * answers 5xx, and every non-2xx answer is a 4xx with ConnectWise's `{code, message, errors}`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEmulator, type Emulator } from "../src/index.js";
import { call, isConnectWiseError, type CallOptions, type CallResult } from "./support/api.js";

const LIST_PATHS = [
  "/company/companies",
  "/company/configurations",
  "/company/contacts",
  "/service/tickets",
  "/service/tickets/40001/notes",
  "/service/boards/1/statuses",
  "/finance/agreements/1/additions",
  "/system/members",
  "/time/entries",
  "/procurement/catalog",
];

const FIELDS = [
  "id",
  "name",
  "summary",
  "company/id",
  "status/name",
  "type/id",
  "closedFlag",
  "_info/lastUpdated",
  "lastUpdated",
  "customFields",
  "communicationItems/value",
  "identifier",
];

/** Grammar-like fragments: field names, operators, literals, parentheses, junk. */
const fragment = fc.oneof(
  fc.constantFrom(...FIELDS, "nosuch/field", "a//b", "/", ""),
  fc.constantFrom(
    "=",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "like",
    "not like",
    "contains",
    "in",
    "not in",
    "and",
    "or",
    "AND",
    "OR",
    "not",
    "is",
    "null",
    "true",
    "false",
    "(",
    ")",
    ",",
    "[",
    "]",
    '"',
    "'",
    "\\",
    "*",
    "%",
  ),
  fc.string({ maxLength: 12 }).map((s) => `"${s}"`),
  fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.integer().map(String),
  fc.double({ noNaN: false }).map(String),
  fc
    .date({ noInvalidDate: false })
    .map((d) => `[${Number.isNaN(d.getTime()) ? "x" : d.toISOString()}]`),
);

const conditions = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.array(fragment, { maxLength: 14 }).map((parts) => parts.join(" ")),
  fc.array(fragment, { maxLength: 14 }).map((parts) => parts.join("")),
);

const junkJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.jsonValue(),
    fc.string({ unit: "binary", maxLength: 300 }),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(
      fc.constantFrom(
        "summary",
        "name",
        "identifier",
        "company",
        "type",
        "board",
        "status",
        "id",
        "op",
        "path",
        "value",
        "_info",
        "customFields",
        "__proto__",
        "constructor",
      ),
      tie("value"),
      { maxKeys: 6 },
    ),
  ),
})).value;

const body = fc.oneof(
  junkJson.map((value) => ({ body: value })),
  fc
    .record({
      op: fc.constantFrom("replace", "add", "remove", "move", "x"),
      path: fc.string(),
      value: junkJson,
    })
    .map((op) => ({ body: [op] })),
  fc.string({ unit: "binary", maxLength: 200 }).map((raw) => ({ raw })),
  fc
    .integer({ min: 10_000, max: 200_000 })
    .map((n) => ({ body: { summary: "x".repeat(n), name: "y".repeat(n) } })),
  fc
    .constantFrom("{", "[", "nul", '{"a":}', "\u0000", '{"summary": "\\ud800"}')
    .map((raw) => ({ raw })),
);

function expectConnectWiseAnswer(result: CallResult, what: string): void {
  expect(result.status, `${what} → ${result.status} ${result.text.slice(0, 300)}`).toBeLessThan(
    500,
  );
  if (result.status >= 300) {
    expect(result.status, what).toBeGreaterThanOrEqual(400);
    expect(isConnectWiseError(result.json), `${what} → ${result.text.slice(0, 300)}`).toBe(true);
  }
}

async function safeCall(
  emulator: Emulator,
  method: string,
  path: string,
  options: CallOptions,
): Promise<CallResult> {
  try {
    return await call(emulator, method, path, options);
  } catch (error) {
    throw new Error(`${method} ${path} threw in process: ${String(error)}`);
  }
}

describe("bad input never crashes the emulator", () => {
  it("random conditions / childConditions / customFieldConditions on list, count and search", async () => {
    const emulator = createEmulator({ seed: "demo" });
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...LIST_PATHS),
        fc.constantFrom("conditions", "childConditions", "customFieldConditions"),
        fc.constantFrom("", "/count"),
        conditions,
        async (path, name, suffix, text) => {
          const result = await safeCall(emulator, "GET", `${path}${suffix}`, {
            query: { [name]: text },
          });
          expectConnectWiseAnswer(result, `GET ${path}${suffix} ${name}=${JSON.stringify(text)}`);
          if (result.status === 400) {
            rejected += 1;
            const issue = (result.json as { errors: { code: string; field: string }[] | null })
              .errors?.[0];
            if (issue) expect(issue.field.toLowerCase()).toBe(name.toLowerCase());
          }
        },
      ),
      { numRuns: 1000, seed: 1601 },
    );
    expect(rejected).toBeGreaterThan(100); // the generator does reach the error paths
    const search = await safeCall(emulator, "POST", "/service/tickets/search", {
      body: { conditions: 'summary = "unterminated' },
    });
    expect(search.status).toBe(400);
    expect(isConnectWiseError(search.json)).toBe(true);
  });

  it("random orderBy, fields, page, pageSize and pageId (navigable and forward-only)", async () => {
    const emulator = createEmulator({ seed: "demo" });
    const param = fc.oneof(
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.array(fragment, { maxLength: 5 }).map((p) => p.join(",")),
      fc.integer().map(String),
      fc.constantFrom("0", "-1", "1.5", "1e3", "99999999999999999999", "1001", " 7 "),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...LIST_PATHS),
        fc.record(
          { orderBy: param, fields: param, page: param, pageSize: param, pageId: param },
          { requiredKeys: [] },
        ),
        fc.boolean(),
        async (path, query, forward) => {
          const headers = forward ? { "pagination-type": "forward-only" } : {};
          const result = await safeCall(emulator, "GET", path, { query, headers });
          expectConnectWiseAnswer(
            result,
            `GET ${path} ${JSON.stringify(query)} forward=${forward}`,
          );
          if (result.status === 200) expect(Array.isArray(result.json)).toBe(true);
        },
      ),
      { numRuns: 1000, seed: 1602 },
    );
  });

  it("random bodies to POST / PUT / PATCH of tickets, companies and configurations", async () => {
    const emulator = createEmulator({
      seed: "demo",
      callbackFetch: async () => new Response(null),
    });
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          ["POST", "/service/tickets"],
          ["PUT", "/service/tickets/40001"],
          ["PATCH", "/service/tickets/40002"],
          ["POST", "/company/companies"],
          ["PUT", "/company/companies/251"],
          ["PATCH", "/company/companies/252"],
          ["POST", "/company/configurations"],
          ["PUT", "/company/configurations/20001"],
          ["PATCH", "/company/configurations/20002"],
        ),
        body,
        async ([method, path], payload) => {
          const result = await safeCall(emulator, method, path, payload);
          statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
          expectConnectWiseAnswer(
            result,
            `${method} ${path} ${JSON.stringify(payload).slice(0, 300)}`,
          );
        },
      ),
      { numRuns: 1000, seed: 1603 },
    );
    expect(statuses.get(400)).toBeGreaterThan(100);
    await emulator.close();
  });

  it("a body over 1 MiB is a 413 in ConnectWise's shape", async () => {
    const emulator = createEmulator({ seed: "demo" });
    const result = await safeCall(emulator, "POST", "/service/tickets", {
      body: { summary: "x".repeat(1_100_000) },
    });
    expect(result.status).toBe(413);
    expect(isConnectWiseError(result.json)).toBe(true);
  });
});
