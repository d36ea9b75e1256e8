import { describe, expect, expectTypeOf, it } from "vitest";
import {
  and,
  contains,
  eq,
  formatConditionDate,
  ge,
  gt,
  isIn,
  isNotNull,
  isNull,
  le,
  like,
  lt,
  ne,
  not,
  notContains,
  notIn,
  notLike,
  or,
  toLiteral,
  where,
  type ConditionValue,
} from "./build.js";
import type { Ticket as SchemaTicket } from "../schemas/tickets.js";
import { ConditionsBuildError } from "./errors.js";
import { parseConditions } from "./parse.js";
import { conditionsFor, type FieldPath, type FieldValue } from "./typed.js";

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConditionsBuildError);
    return (error as ConditionsBuildError).code;
  }
  throw new Error("expected a ConditionsBuildError");
}

describe("builder", () => {
  it.each([
    [eq("company/id", 250), "company/id = 250"],
    [ne("status/name", "Closed"), 'status/name != "Closed"'],
    [lt("id", 100), "id < 100"],
    [le("id", 100), "id <= 100"],
    [
      gt("lastUpdated", new Date(Date.UTC(2025, 0, 31, 12, 30, 5, 999))),
      "lastUpdated > [2025-01-31T12:30:05Z]",
    ],
    [ge("amount", -1.5), "amount >= -1.5"],
    [like("name", "Acme*"), 'name like "Acme*"'],
    [notLike("name", "Test%"), 'name not like "Test%"'],
    [contains("summary", "disk"), 'summary contains "disk"'],
    [notContains("summary", "low"), 'summary not contains "low"'],
    [isIn("status/id", [1, 42, 43]), "status/id in (1, 42, 43)"],
    [notIn("name", ["A", "B"]), 'name not in ("A", "B")'],
    [isNull("parentTicketId"), "parentTicketId = null"],
    [isNotNull("value"), "value != null"],
    [eq("closedFlag", false), "closedFlag = false"],
    [and(or(eq("a", 1), eq("b", 2)), eq("c", 3)), "(a = 1 or b = 2) and c = 3"],
    [not(or(eq("a", 1), eq("b", 2))), "not (a = 1 or b = 2)"],
    [and(eq("a", 1), undefined), "a = 1"],
  ])("%j prints %s", (expr, text) => {
    expect(where(expr)).toBe(text);
    expect(parseConditions(text)).toEqual(expr);
  });

  it("escapes hostile values so they stay one string literal", () => {
    const hostile = 'x" or 1=1 or summary like "\\';
    const text = where(eq("summary", hostile));
    expect(text).toBe('summary = "x\\" or 1=1 or summary like \\"\\\\"');
    expect(parseConditions(text)).toEqual(eq("summary", hostile));
  });

  it("rejects invalid fields and values at the call site", () => {
    expect(codeOf(() => eq("name = 1 or x", 1))).toBe("CW_CONDITIONS_INVALID_FIELD");
    expect(codeOf(() => isNull("null"))).toBe("CW_CONDITIONS_INVALID_FIELD");
    expect(codeOf(() => eq("a", Number.NaN))).toBe("CW_CONDITIONS_INVALID_VALUE");
    expect(codeOf(() => eq("a", new Date("nope")))).toBe("CW_CONDITIONS_INVALID_VALUE");
    expect(codeOf(() => isIn("a", []))).toBe("CW_CONDITIONS_INVALID_VALUE");
    expect(codeOf(() => eq("a", {} as unknown as string))).toBe("CW_CONDITIONS_INVALID_VALUE");
    expect(codeOf(() => where(and()))).toBe("CW_CONDITIONS_INVALID_EXPR");
  });

  it("converts values to literals", () => {
    expect(toLiteral(-0)).toEqual({ kind: "number", value: 0 });
    expect(toLiteral(null)).toEqual({ kind: "null" });
    expect(formatConditionDate(new Date("2025-01-31T00:00:00.123Z"))).toBe("2025-01-31T00:00:00Z");
  });
});

type Equal<A, B> =
  (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

interface Ticket {
  id: number;
  summary?: string;
  closedFlag?: boolean;
  priority?: "High" | "Low";
  company?: {
    id?: number;
    identifier?: string;
    site?: { id: number; deep?: { x: number } };
  } | null;
  customFields?: { id: number; caption?: string; value?: unknown }[];
  tags?: string[];
  _info?: Record<string, string>;
}

describe("conditionsFor<T>()", () => {
  it("types field paths up to three segments and values by field type", () => {
    expectTypeOf<"_info/lastUpdated">().toExtend<FieldPath<Ticket>>();
    expectTypeOf<
      Equal<
        Exclude<FieldPath<Ticket>, `_info/${string}`>,
        | "id"
        | "summary"
        | "closedFlag"
        | "priority"
        | "company/id"
        | "company/identifier"
        | "company/site/id"
        | "customFields/id"
        | "customFields/caption"
        | "customFields/value"
        | "tags"
      >
    >().toEqualTypeOf<true>();
    expectTypeOf<FieldValue<Ticket, "company/id">>().toEqualTypeOf<number | null>();
    expectTypeOf<FieldValue<Ticket, "summary">>().toEqualTypeOf<string | Date | null>();
    expectTypeOf<FieldValue<Ticket, "priority">>().toEqualTypeOf<"High" | "Low" | null>();
    expectTypeOf<FieldValue<Ticket, "customFields/value">>().toEqualTypeOf<ConditionValue>();
    expectTypeOf<FieldValue<Ticket, "closedFlag">>().toEqualTypeOf<boolean | null>();
    expectTypeOf<FieldValue<Ticket, "_info/lastUpdated">>().toEqualTypeOf<string | Date | null>();
    // the zod-inferred entity types of the client compile to useful paths too
    expectTypeOf<"board/id" | "status/name" | "_info/lastUpdated">().toExtend<
      FieldPath<SchemaTicket>
    >();
    expectTypeOf<FieldValue<SchemaTicket, "board/id">>().toEqualTypeOf<number | null>();
    expectTypeOf<FieldPath<Record<string, unknown>>>().toEqualTypeOf<string>();
    expectTypeOf<FieldPath<unknown>>().toEqualTypeOf<string>();
  });

  it("builds the same AST as the untyped builder", () => {
    const c = conditionsFor<Ticket>();
    const expr = c.and(
      c.eq("company/id", 250),
      c.isIn("priority", ["High"]),
      c.gt("_info/lastUpdated", new Date(Date.UTC(2025, 0, 31))),
      c.eq("closedFlag", false),
      c.notContains("summary", "low"),
    );
    expect(c.where(expr)).toBe(
      'company/id = 250 and priority in ("High") and _info/lastUpdated > [2025-01-31T00:00:00Z] and closedFlag = false and summary not contains "low"',
    );
    // @ts-expect-error: unknown field
    expect(() => c.eq("compnay/id", 1)).not.toThrow();
    // @ts-expect-error: wrong value type for a number field
    c.eq("company/id", "250");
    // @ts-expect-error: not one of the literal values
    c.eq("priority", "Medium");
    const loose = conditionsFor<Record<string, unknown>>();
    expect(loose.where(loose.eq("anything/goes", 1))).toBe("anything/goes = 1");
  });
});
