import { describe, expect, it } from "vitest";
import type { Comparison, Expr, Literal } from "./ast.js";
import { ConditionsBuildError } from "./errors.js";
import { parseConditions } from "./parse.js";
import { printConditions, printNumber } from "./print.js";

const cmp = (field: string, op: Comparison["op"], value: Literal, not?: boolean): Comparison =>
  not === undefined ? { kind: "cmp", field, op, value } : { kind: "cmp", field, op, value, not };
const num = (value: number): Literal => ({ kind: "number", value });
const str = (value: string): Literal => ({ kind: "string", value });
const a = cmp("a", "=", num(1));
const b = cmp("b", "=", num(2));
const c = cmp("c", "=", num(3));

function buildError(expr: Expr): ConditionsBuildError {
  try {
    printConditions(expr);
  } catch (error) {
    expect(error).toBeInstanceOf(ConditionsBuildError);
    return error as ConditionsBuildError;
  }
  throw new Error("expected a build error");
}

describe("printConditions", () => {
  it.each<[Expr, string]>([
    [cmp("company/id", "=", num(250)), "company/id = 250"],
    [cmp("summary", "=", str('a "b" \\ c')), String.raw`summary = "a \"b\" \\ c"`],
    [cmp("flag", "!=", { kind: "boolean", value: true }), "flag != true"],
    [cmp("parentTicketId", "=", { kind: "null" }), "parentTicketId = null"],
    [
      cmp("lastUpdated", ">", { kind: "date", value: "2025-01-31T00:00:00Z" }),
      "lastUpdated > [2025-01-31T00:00:00Z]",
    ],
    [
      cmp("status/id", "in", { kind: "list", items: [num(1), num(42), num(43)] }),
      "status/id in (1, 42, 43)",
    ],
    [cmp("summary", "contains", str("low"), true), 'summary not contains "low"'],
    [cmp("name", "like", str("Acme*"), true), 'name not like "Acme*"'],
    [cmp("id", "in", { kind: "list", items: [str("A")] }, true), 'id not in ("A")'],
    [cmp("amount", "<=", num(-0.25)), "amount <= -0.25"],
    [{ kind: "and", items: [{ kind: "or", items: [a, b] }, c] }, "(a = 1 or b = 2) and c = 3"],
    [{ kind: "or", items: [a, { kind: "and", items: [b, c] }] }, "a = 1 or b = 2 and c = 3"],
    [{ kind: "or", items: [{ kind: "or", items: [a, b] }, c] }, "a = 1 or b = 2 or c = 3"],
    [{ kind: "not", expr: { kind: "or", items: [a, b] } }, "not (a = 1 or b = 2)"],
    [{ kind: "not", expr: a }, "not (a = 1)"],
    [cmp("a", "=", num(1), true), "not (a = 1)"],
    // a single-item and/or is transparent, including for precedence
    [
      { kind: "and", items: [c, { kind: "and", items: [{ kind: "or", items: [a, b] }] }] },
      "c = 3 and (a = 1 or b = 2)",
    ],
  ])("%j", (expr, text) => {
    expect(printConditions(expr)).toBe(text);
  });

  it("prints numbers in plain decimal notation that parses back exactly", () => {
    expect(printNumber(1e21)).toBe("1000000000000000000000");
    expect(printNumber(1.5e-7)).toBe("0.00000015");
    expect(printNumber(-2.5e22)).toBe("-25000000000000000000000");
    expect(printNumber(-0)).toBe("0");
    for (const value of [Number.MIN_VALUE, Number.MAX_VALUE, -1.2345e-300, 0.1, 123.456]) {
      expect(Number(printNumber(value))).toBe(value);
    }
  });

  it.each<[Expr, string]>([
    [cmp("name = 1 or x", "=", num(1)), "CW_CONDITIONS_INVALID_FIELD"],
    [cmp("", "=", num(1)), "CW_CONDITIONS_INVALID_FIELD"],
    [cmp("company/", "=", num(1)), "CW_CONDITIONS_INVALID_FIELD"],
    [cmp("and", "=", num(1)), "CW_CONDITIONS_INVALID_FIELD"],
    [cmp("a\n", "=", num(1)), "CW_CONDITIONS_INVALID_FIELD"],
    [cmp("a", "=", num(Number.NaN)), "CW_CONDITIONS_INVALID_VALUE"],
    [cmp("a", "<", num(Number.POSITIVE_INFINITY)), "CW_CONDITIONS_INVALID_VALUE"],
    [cmp("a", "=", { kind: "date", value: "2025] or x = [1" }), "CW_CONDITIONS_INVALID_VALUE"],
    [cmp("a", "=", { kind: "list", items: [num(1)] }), "CW_CONDITIONS_INVALID_VALUE"],
    [cmp("a", "in", num(1)), "CW_CONDITIONS_INVALID_VALUE"],
    [cmp("a", "in", { kind: "list", items: [] }), "CW_CONDITIONS_INVALID_VALUE"],
    [
      cmp("a", "in", { kind: "list", items: [{ kind: "list", items: [] }] }),
      "CW_CONDITIONS_INVALID_VALUE",
    ],
    [cmp("a", "<>" as Comparison["op"], num(1)), "CW_CONDITIONS_INVALID_EXPR"],
    [{ kind: "and", items: [] }, "CW_CONDITIONS_INVALID_EXPR"],
    [{ kind: "xor" } as unknown as Expr, "CW_CONDITIONS_INVALID_EXPR"],
  ])("rejects %j with %s", (expr, code) => {
    expect(buildError(expr).code).toBe(code);
  });

  it("rejects nesting the parser would refuse, without overflowing the stack", () => {
    let deep: Expr = a;
    for (let i = 0; i < 64; i += 1) deep = { kind: "not", expr: deep };
    expect(parseConditions(printConditions(deep))).toEqual(deep);
    for (let i = 0; i < 100_000; i += 1) deep = { kind: "not", expr: deep };
    expect(buildError(deep).code).toBe("CW_CONDITIONS_INVALID_EXPR");
  });
});
