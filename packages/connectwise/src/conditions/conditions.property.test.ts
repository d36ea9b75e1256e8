import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Comparison, Expr, Literal } from "./ast.js";
import { contains, eq, formatConditionDate, isIn, like } from "./build.js";
import { ConditionsSyntaxError } from "./errors.js";
import { normalizeConditions } from "./normalize.js";
import { parseConditions } from "./parse.js";
import { printConditions } from "./print.js";
import { RESERVED_WORDS } from "./syntax.js";

const TRICKY_FRAGMENTS = [
  '"',
  "'",
  "\\",
  "\\\\",
  '\\"',
  "[",
  "]",
  "[[]",
  "(",
  ")",
  ",",
  " and ",
  " or ",
  " not ",
  " = ",
  "!=",
  "<>",
  "like",
  "in (",
  "%",
  "*",
  "null",
  "\n",
  "\u0000",
  "é",
  "😀",
  "\uD800",
];

const trickyString = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string(),
  fc.array(fc.constantFrom(...TRICKY_FRAGMENTS), { maxLength: 8 }).map((parts) => parts.join("")),
);

const segment = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/),
  fc.constantFrom("and", "Not", "OR", "in", "null", "True", "_info", "id", "notes", "lastUpdated"),
);

const field = fc
  .array(segment, { minLength: 1, maxLength: 3 })
  .map((segments) => segments.join("/"))
  .filter((path) => !RESERVED_WORDS.has(path.toLowerCase()));

const dateText = fc.oneof(
  fc
    .date({
      min: new Date(Date.UTC(1, 0, 1)),
      max: new Date(Date.UTC(9999, 11, 31)),
      noInvalidDate: true,
    })
    .map(formatConditionDate),
  fc.constantFrom(
    "2025-01-31",
    "2025-01-31T00:00:00Z",
    "2025-01-31 10:00:00",
    "2025-01-31T00:00:00.123+02:00",
  ),
);

const scalar: fc.Arbitrary<Literal> = fc.oneof(
  trickyString.map((value) => ({ kind: "string", value }) as const),
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .map((value) => ({ kind: "number", value }) as const),
  fc.integer().map((value) => ({ kind: "number", value }) as const),
  fc.boolean().map((value) => ({ kind: "boolean", value }) as const),
  fc.constant({ kind: "null" } as const),
  dateText.map((value) => ({ kind: "date", value }) as const),
);

const symbolOp = fc.constantFrom("=", "!=", "<", "<=", ">", ">=" as const);

const comparison: fc.Arbitrary<Comparison> = fc.oneof(
  fc.record({ kind: fc.constant("cmp" as const), field, op: symbolOp, value: scalar }),
  fc.record({
    kind: fc.constant("cmp" as const),
    field,
    op: fc.constantFrom("like", "contains" as const),
    not: fc.boolean(),
    value: scalar,
  }),
  fc.record({
    kind: fc.constant("cmp" as const),
    field,
    op: fc.constant("in" as const),
    not: fc.boolean(),
    value: fc
      .array(scalar, { minLength: 1, maxLength: 4 })
      .map((items) => ({ kind: "list", items }) as const),
  }),
);

const expr: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 5, depthIdentifier: "expr" },
    comparison,
    fc.record({ kind: fc.constant("not" as const), expr: tie("expr") }),
    fc.record({
      kind: fc.constantFrom("and", "or" as const),
      items: fc.array(tie("expr"), { minLength: 1, maxLength: 4 }),
    }),
  ),
})).expr;

function parseOrSyntaxError(text: string): Expr | ConditionsSyntaxError {
  try {
    return parseConditions(text);
  } catch (error) {
    if (error instanceof ConditionsSyntaxError) return error;
    throw error;
  }
}

describe("conditions properties", () => {
  it("parse(print(ast)) equals the normalised ast, and printing is canonical", () => {
    fc.assert(
      fc.property(expr, (ast) => {
        const text = printConditions(ast);
        const parsed = parseConditions(text, { maxLength: 1_000_000 });
        expect(parsed).toEqual(normalizeConditions(ast));
        expect(printConditions(parsed)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it("a value never breaks out of its string literal", () => {
    fc.assert(
      fc.property(trickyString, (value) => {
        expect(parseConditions(printConditions(eq("summary", value)))).toEqual({
          kind: "cmp",
          field: "summary",
          op: "=",
          value: { kind: "string", value },
        });
        expect(parseConditions(printConditions(like("name", value)))).toEqual(like("name", value));
        expect(parseConditions(printConditions(contains("a/b", value)))).toEqual(
          contains("a/b", value),
        );
        const list = isIn("name", [value, value]);
        expect(parseConditions(printConditions(list))).toEqual(list);
      }),
      { numRuns: 1000 },
    );
  });

  const grammarLike = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          ...TRICKY_FRAGMENTS,
          "a",
          "company/id",
          "1",
          "-2.5",
          "TRUE",
          "not",
          "contains",
          "[2025-01-01]",
          "AND",
        ),
        fc.constantFrom(" ", "\t"),
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(""));

  const mutatedPrint = fc
    .tuple(expr, fc.nat(), fc.nat({ max: 3 }), fc.string({ unit: "binary", maxLength: 3 }))
    .map(([ast, at, cut, insert]) => {
      const text = printConditions(ast);
      const index = at % (text.length + 1);
      return text.slice(0, index) + insert + text.slice(index + cut);
    });

  it("the parser is total: an Expr or a ConditionsSyntaxError, and what parses re-prints", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: "binary" }), fc.string(), grammarLike, mutatedPrint),
        (text) => {
          const result = parseOrSyntaxError(text);
          if (result instanceof ConditionsSyntaxError) {
            expect(result.code).toBe("CW_CONDITIONS_SYNTAX");
            expect(result.position).toBeGreaterThanOrEqual(0);
            expect(result.position).toBeLessThanOrEqual(text.length);
            return;
          }
          expect(parseConditions(printConditions(result), { maxLength: 1_000_000 })).toEqual(
            normalizeConditions(result),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
