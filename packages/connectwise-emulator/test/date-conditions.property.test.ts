/**
 * Date conditions compare instants: the canonical-string fast path (`yyyy-MM-ddTHH:mm:ssZ`
 * compared as text) agrees with `Date.parse` for every operator, for canonical and
 * non-canonical row values (milliseconds, offsets) and literals.
 */
import fc from "fast-check";
import { parseConditions } from "@cwbridge/connectwise/conditions";
import { describe, expect, it } from "vitest";
import { compileConditions } from "../src/conditions-eval.js";

const OPS = ["=", "!=", "<", "<=", ">", ">="] as const;
const when = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) });

function spellings(time: number): fc.Arbitrary<string> {
  const iso = new Date(time).toISOString();
  return fc.constantFrom(
    iso.replace(/\.\d{3}Z$/, "Z"),
    iso,
    iso.replace("Z", "+00:00"),
    new Date(time + 3_600_000).toISOString().replace("Z", "+01:00"),
  );
}

function expected(op: (typeof OPS)[number], a: number, b: number): boolean {
  switch (op) {
    case "=":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
  }
}

describe("date conditions", () => {
  it("agree with Date.parse for canonical and non-canonical values", () => {
    fc.assert(
      fc.property(
        when.chain(spellings),
        fc.oneof(
          when,
          when.map((t) => Math.floor(t / 1000) * 1000),
        ),
        fc.constantFrom(...OPS),
        (rowText, literalTime, op) => {
          const literal = new Date(literalTime).toISOString().replace(/\.000Z$/, "Z");
          const match = compileConditions(parseConditions(`d ${op} [${literal}]`), {
            isKnownField: () => true,
          });
          const rowInstant = Date.parse(rowText);
          expect(match({ d: rowText })).toBe(expected(op, rowInstant, Date.parse(literal)));
        },
      ),
      { numRuns: 2_000, seed: 1616 },
    );
  });

  it("equal instants in different spellings are equal; non-dates never match", () => {
    const match = compileConditions(parseConditions("d = [2025-06-01T12:00:00Z]"), {
      isKnownField: () => true,
    });
    expect(match({ d: "2025-06-01T12:00:00Z" })).toBe(true);
    expect(match({ d: "2025-06-01T12:00:00.000Z" })).toBe(true);
    expect(match({ d: "2025-06-01T14:00:00+02:00" })).toBe(true);
    expect(match({ d: "2025-06-01T12:00:01Z" })).toBe(false);
    expect(match({ d: "not a date" })).toBe(false);
    expect(match({ d: 5 })).toBe(false);
    expect(match({})).toBe(false);
  });
});
