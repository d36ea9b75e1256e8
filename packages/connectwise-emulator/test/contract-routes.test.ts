/**
 * Contract: every route the emulator actually answers (probed over HTTP, not read from its
 * resource table) is an operation of the 2025.16 operation list — for every spec path and
 * every method, and for random paths built from the spec's own segment words.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEmulator, type Emulator } from "../src/index.js";
import { servedOperations } from "../src/served-operations.js";
import { call, isConnectWiseError, specOperations, type SpecOperation } from "./support/api.js";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
/** The two spec paths whose route regex leaked into the path string (GET by identifier). */
const MANGLED = /\{memberIdentifier:regex/;

interface Template {
  readonly method: string;
  readonly path: string;
  readonly pattern: RegExp;
}

function toTemplate(op: SpecOperation): Template {
  const source = op.path
    .toLowerCase()
    .split("/")
    .map((segment) =>
      /^\{[^}]+\}$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^$()|[\]\\]/g, "\\$&"),
    )
    .join("/");
  return { method: op.method, path: op.path.toLowerCase(), pattern: new RegExp(`^${source}$`) };
}

const OPERATIONS = specOperations().filter((op) => !MANGLED.test(op.path));
const TEMPLATES = OPERATIONS.map(toTemplate);

function specHas(method: string, concretePath: string): boolean {
  const path = concretePath.toLowerCase();
  return TEMPLATES.some((t) => t.method === method && t.pattern.test(path));
}

/** True unless the emulator says "no such route" (404 NotFound on the URI) or 405. */
async function isServed(emulator: Emulator, method: string, path: string): Promise<boolean> {
  const body = method === "PATCH" ? [] : method === "GET" || method === "DELETE" ? undefined : {};
  const result = await call(emulator, method, path, body === undefined ? {} : { body });
  expect(result.status, `${method} ${path}: ${result.text}`).toBeLessThan(500);
  if (result.status === 405) return false;
  if (result.status !== 404) return true;
  expect(isConnectWiseError(result.json), result.text).toBe(true);
  return !(result.json as { message: string }).message.startsWith("No resource was found");
}

const concrete = (path: string): string => path.replace(/\{[^}]+\}/g, "1");
/** Lower-cased, without the trailing slash a few spec paths have (`/customizeItems/`). */
const trimmed = (path: string): string => path.toLowerCase().replace(/\/$/, "");

describe("contract: routes the emulator serves", () => {
  it("answers exactly its declared operations among all 2025.16 paths × methods, all in the spec", async () => {
    const emulator = createEmulator({ seed: "demo" });
    const paths = [...new Map(OPERATIONS.map((op) => [op.path.toLowerCase(), op.path])).values()];
    const served: string[] = [];
    for (const path of paths) {
      for (const method of METHODS) {
        if (await isServed(emulator, method, concrete(path)))
          served.push(`${method} ${trimmed(path)}`);
      }
    }
    const spec = new Set(OPERATIONS.map((op) => `${op.method} ${trimmed(op.path)}`));
    expect(served.filter((key) => !spec.has(key))).toEqual([]);
    const declared = servedOperations().map((op) => `${op.method} ${op.path.toLowerCase()}`);
    // GET /system/members/{identifier} also catches the spec's fixed sub-paths (types,
    // calendarSync, withSso): the emulator answers them "member recordId: types not found".
    const byIdentifier = served.filter((key) =>
      /^GET \/system\/members\/(?!count$)[a-z]/.test(key),
    );
    expect(byIdentifier.length).toBeLessThanOrEqual(5);
    // The router answers what the resource table declares, and nothing more.
    const routed = served.filter((key) => !byIdentifier.includes(key));
    expect(routed.sort()).toEqual([...new Set(declared)].sort());
    expect(served.length).toBeGreaterThan(100);
  });

  it("never serves a random path built from spec segments unless the spec has it", async () => {
    const emulator = createEmulator({ seed: "demo" });
    const words = [
      ...new Set(
        OPERATIONS.flatMap((op) => op.path.split("/")).filter((s) => s && !s.startsWith("{")),
      ),
    ];
    const segment = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...words) },
      { weight: 3, arbitrary: fc.constantFrom("1", "250", "40001", "count") },
      { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/) },
    );
    const prefix = fc.constantFrom(
      ...new Set(OPERATIONS.map((op) => `/${op.path.split("/")[1] ?? ""}`)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        prefix,
        fc.array(segment, { minLength: 0, maxLength: 4 }),
        async (method, first, rest) => {
          const path = [first, ...rest].join("/");
          if (await isServed(emulator, method, path)) {
            expect(specHas(method, path), `${method} ${path} is served but not in the spec`).toBe(
              true,
            );
          }
        },
      ),
      { numRuns: 1000, seed: 20251601 },
    );
  });

  it("serves GET by member identifier (the spec's mangled {memberIdentifier:regex} path)", async () => {
    const emulator = createEmulator({ seed: "demo" });
    const result = await call(emulator, "GET", "/system/members/jsmith");
    expect(result.status).toBe(200);
    expect((result.json as { identifier: string }).identifier).toBe("jsmith");
    expect(specOperations().some((op) => op.method === "GET" && MANGLED.test(op.path))).toBe(true);
  });
});
