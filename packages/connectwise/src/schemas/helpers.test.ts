import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { conditionsFor } from "../conditions/typed.js";
import { entityObject, knownValues, openEnum } from "./helpers.js";
import { ticketSchema, type Ticket } from "./tickets.js";

describe("entityObject", () => {
  it("keeps unknown fields at runtime", () => {
    const schema = entityObject({ id: z.int() });
    expect(schema.parse({ id: 1, added: "in 2026.1" })).toEqual({ id: 1, added: "in 2026.1" });
  });

  it("infers only the declared fields (no index signature)", () => {
    type Keys = keyof Ticket;
    expectTypeOf<"summary">().toExtend<Keys>();
    expectTypeOf<string extends Keys ? true : false>().toEqualTypeOf<false>();
  });

  it("lets conditionsFor check nested field names of inferred types", () => {
    const c = conditionsFor<Ticket>();
    const printed = c.and(c.eq("board/id", 12), c.eq("closedFlag", false));
    expect(printed).toBeDefined();
    // @ts-expect-error -- not a field of Ticket's board reference
    expect(() => c.eq("board/nope", 1)).not.toThrow();
  });
});

describe("openEnum", () => {
  const severity = openEnum(["Low", "Medium", "High"]);

  it("accepts known and unknown strings, rejects non-strings", () => {
    expect(severity.parse("Medium")).toBe("Medium");
    expect(severity.parse("Critical")).toBe("Critical");
    expect(severity.safeParse(3).success).toBe(false);
  });

  it("records its known values", () => {
    expect(knownValues(severity)).toEqual(["Low", "Medium", "High"]);
    expect(knownValues(z.string())).toBeUndefined();
  });

  it("tolerates a new server value inside an entity", () => {
    const ticket = ticketSchema.parse({ id: 9, severity: "Critical", impact: null });
    expect(ticket.severity).toBe("Critical");
  });
});
