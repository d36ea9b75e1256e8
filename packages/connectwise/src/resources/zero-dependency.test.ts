/**
 * The facades must not load zod at runtime, not even through `../schemas` (ESLint only
 * catches direct zod imports): every import/export of schemas or zod here is type-only.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const dir = path.dirname(fileURLToPath(import.meta.url));
const sources = readdirSync(dir).filter(
  (file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !file.endsWith(".test-suite.ts"),
);

/** Specifiers of value (non-type) imports and re-exports. */
function runtimeSpecifiers(source: string): string[] {
  const statements = source.matchAll(/^(import|export)\s+(?!type\b)([^;]*?)\s+from\s+"([^"]+)"/gms);
  return [...statements]
    .filter(([, , clause]) => !/^\{\s*(type\s+\w+\s*,?\s*)+\}$/s.test(clause ?? ""))
    .map(([, , , specifier]) => specifier ?? "");
}

describe("resources stay zero-dependency at runtime", () => {
  it("finds the facade sources", () => {
    expect(sources).toContain("tickets.ts");
  });

  it.each(sources)("%s imports schemas and zod only as types", (file) => {
    const specifiers = runtimeSpecifiers(readFileSync(path.join(dir, file), "utf8"));
    expect(
      specifiers.filter((s) => s === "zod" || s.startsWith("zod/") || s.includes("/schemas/")),
    ).toEqual([]);
  });

  it("detects a value import of schemas", () => {
    expect(runtimeSpecifiers('import { ticketSchema } from "../schemas/tickets.js";')).toEqual([
      "../schemas/tickets.js",
    ]);
    expect(runtimeSpecifiers('import type { Ticket } from "../schemas/tickets.js";')).toEqual([]);
    expect(runtimeSpecifiers('import { type Ticket } from "../schemas/tickets.js";')).toEqual([]);
  });
});
