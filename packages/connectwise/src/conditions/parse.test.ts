import { describe, expect, it } from "vitest";
import type { Expr } from "./ast.js";
import { ConditionsSyntaxError } from "./errors.js";
import { parseConditions } from "./parse.js";

const num = (value: number) => ({ kind: "number", value }) as const;
const str = (value: string) => ({ kind: "string", value }) as const;

function syntaxError(text: string): ConditionsSyntaxError {
  try {
    parseConditions(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConditionsSyntaxError);
    return error as ConditionsSyntaxError;
  }
  throw new Error(`expected a syntax error for ${text}`);
}

describe("parseConditions: reference examples", () => {
  it.each<[string, Expr]>([
    ["board/id = 12", { kind: "cmp", field: "board/id", op: "=", value: num(12) }],
    ['name="Acme"', { kind: "cmp", field: "name", op: "=", value: str("Acme") }],
    [
      "status/id in (1, 42, 43)",
      {
        kind: "cmp",
        field: "status/id",
        op: "in",
        value: { kind: "list", items: [num(1), num(42), num(43)] },
      },
    ],
    [
      'name in ("A","B")',
      {
        kind: "cmp",
        field: "name",
        op: "in",
        value: { kind: "list", items: [str("A"), str("B")] },
      },
    ],
    [
      "lastUpdated > [2025-01-31T00:00:00Z]",
      {
        kind: "cmp",
        field: "lastUpdated",
        op: ">",
        value: { kind: "date", value: "2025-01-31T00:00:00Z" },
      },
    ],
    [
      "parentTicketId = null",
      { kind: "cmp", field: "parentTicketId", op: "=", value: { kind: "null" } },
    ],
    ["value != null", { kind: "cmp", field: "value", op: "!=", value: { kind: "null" } }],
    [
      'summary not contains "low"',
      { kind: "cmp", field: "summary", op: "contains", not: true, value: str("low") },
    ],
    ["summary like 'test'", { kind: "cmp", field: "summary", op: "like", value: str("test") }],
    ["Board/Id = 1", { kind: "cmp", field: "Board/Id", op: "=", value: num(1) }],
    [
      "ClosedFlag = False",
      { kind: "cmp", field: "ClosedFlag", op: "=", value: { kind: "boolean", value: false } },
    ],
    [
      "_info/lastUpdated >= [2025-01-31T00:00:00Z]",
      {
        kind: "cmp",
        field: "_info/lastUpdated",
        op: ">=",
        value: { kind: "date", value: "2025-01-31T00:00:00Z" },
      },
    ],
    ["amount <= -12.5", { kind: "cmp", field: "amount", op: "<=", value: num(-12.5) }],
    ["x < 0", { kind: "cmp", field: "x", op: "<", value: num(0) }],
    [
      "name NOT LIKE 'a%' ",
      { kind: "cmp", field: "name", op: "like", not: true, value: str("a%") },
    ],
    [
      "id Not In (1)",
      { kind: "cmp", field: "id", op: "in", not: true, value: { kind: "list", items: [num(1)] } },
    ],
    [
      "flag = TRUE",
      { kind: "cmp", field: "flag", op: "=", value: { kind: "boolean", value: true } },
    ],
    ["x = NULL", { kind: "cmp", field: "x", op: "=", value: { kind: "null" } }],
  ])("%s", (text, expected) => {
    expect(parseConditions(text)).toEqual(expected);
  });

  it("gives and precedence over or, and parentheses override it", () => {
    const a = { kind: "cmp", field: "a", op: "=", value: num(1) } as const;
    const b = { kind: "cmp", field: "b", op: "=", value: num(2) } as const;
    const c = { kind: "cmp", field: "c", op: "=", value: num(3) } as const;
    expect(parseConditions("(a = 1 or b = 2) and c = 3")).toEqual({
      kind: "and",
      items: [{ kind: "or", items: [a, b] }, c],
    });
    expect(parseConditions("a = 1 or b = 2 AND c = 3")).toEqual({
      kind: "or",
      items: [a, { kind: "and", items: [b, c] }],
    });
    expect(parseConditions("a=1 and b=2 and c=3")).toEqual({ kind: "and", items: [a, b, c] });
  });

  it("parses not before a group or a comparison", () => {
    expect(parseConditions("not (a = 1 or b = 2)")).toEqual({
      kind: "not",
      expr: {
        kind: "or",
        items: [
          { kind: "cmp", field: "a", op: "=", value: num(1) },
          { kind: "cmp", field: "b", op: "=", value: num(2) },
        ],
      },
    });
    expect(parseConditions("NOT a = 1")).toEqual({
      kind: "not",
      expr: { kind: "cmp", field: "a", op: "=", value: num(1) },
    });
  });

  it("reads backslash escapes in both quote styles and accepts whitespace anywhere", () => {
    expect(parseConditions(String.raw`s = "a \"b\" \\ c"`)).toMatchObject({
      value: str('a "b" \\ c'),
    });
    expect(parseConditions(String.raw`s = 'it\'s "x"'`)).toMatchObject({ value: str(`it's "x"`) });
    expect(parseConditions("\n\t( a\t=\r\n1 )  ")).toMatchObject({ field: "a", value: num(1) });
  });

  it("keeps strings with grammar characters intact", () => {
    expect(parseConditions(`s = "x\\" or 1=1 or a = \\"(["`)).toEqual({
      kind: "cmp",
      field: "s",
      op: "=",
      value: str('x" or 1=1 or a = "(['),
    });
  });
});

describe("parseConditions: errors", () => {
  it.each([
    ["", 0, "expected a field name"],
    ["summary <> 1", 8, 'unknown operator "<>"'],
    ["summary == 1", 8, 'unknown operator "=="'],
    ["summary = ", 10, "expected a value"],
    ["summary = 'abc", 10, "unterminated string"],
    ["a = 1 and", 9, "expected a field name"],
    ["a = 1 b = 2", 6, 'expected "and", "or" or end of input'],
    ["(a = 1", 6, 'expected "and", "or" or ")"'],
    ["a = 1)", 5, 'expected "and", "or" or end of input'],
    ["a in 1", 5, 'expected "(" after "in"'],
    ["a in ()", 6, "expected a value"],
    ["a = (1, 2)", 4, "a list is only valid after"],
    ["a not = 1", 6, 'expected "like", "contains" or "in" after "not"'],
    ["a = [2025-01-01", 4, "unterminated date"],
    ["a = [x]) or (b = 1]", 4, "invalid date literal"],
    ["a = [2025) or (b = 1]", 4, "invalid date literal"],
    ["a = abc", 4, "quote strings"],
    ["and = 1", 0, "expected a field name"],
    ["company/ = 1", 8, "field name segment"],
    ["a = 1.", 6, 'digit after "."'],
    ["a = -x", 5, 'digit after "-"'],
    ["a = 1 ; drop", 6, "unexpected character"],
    [`a = ${"9".repeat(400)}`, 4, "number out of range"],
    ["a like", 6, "expected a value"],
    ["a", 1, "expected an operator"],
  ])("%j → position %d, %s", (text, position, message) => {
    const error = syntaxError(text);
    expect(error.code).toBe("CW_CONDITIONS_SYNTAX");
    expect(error.position).toBe(position);
    expect(error.message).toContain(message);
  });

  it("limits input length", () => {
    const text = `a = "${"x".repeat(10_000)}"`;
    expect(syntaxError(text).message).toContain("longer than 10000");
    expect(parseConditions(text, { maxLength: 20_000 })).toMatchObject({ field: "a" });
  });

  it("limits nesting depth of parentheses and not without overflowing the stack", () => {
    const ok = `${"(".repeat(64)}a = 1${")".repeat(64)}`;
    expect(parseConditions(ok)).toMatchObject({ field: "a" });
    expect(parseConditions(`${"not (".repeat(64)}a = 1${")".repeat(64)}`)).toMatchObject({
      kind: "not",
    });
    expect(syntaxError(`${"(".repeat(65)}a = 1${")".repeat(65)}`).message).toContain(
      "deeper than 64",
    );
    expect(syntaxError("not ".repeat(65) + "a = 1").message).toContain("deeper than 64");
    expect(syntaxError("(".repeat(9_000)).message).toContain("deeper than 64");
  });

  it("rejects non-string input with a syntax error", () => {
    expect(() => parseConditions(42 as unknown as string)).toThrow(ConditionsSyntaxError);
  });
});
