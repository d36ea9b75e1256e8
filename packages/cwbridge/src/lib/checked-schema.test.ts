import { z } from "zod";
import { describe, expect, it } from "vitest";
import { checkedBy } from "./checked-schema.js";

describe("checkedBy", () => {
  const schema = checkedBy(z.object({ n: z.number() }).strict(), (raw) => {
    if ((raw as { n?: unknown }).n === 13) throw new Error("unlucky");
  });

  it("throws the check's own error before the schema runs", () => {
    expect(() => schema.safeParse({ n: 13 })).toThrow("unlucky");
  });

  it("parses with the schema once the check passes", () => {
    expect(schema.safeParse({ n: 1 })).toMatchObject({ success: true, data: { n: 1 } });
    expect(schema.safeParse({ n: "1" }).success).toBe(false);
  });

  it("publishes the schema's own JSON Schema", () => {
    expect(z.toJSONSchema(schema, { io: "input" })).toMatchObject({
      type: "object",
      required: ["n"],
      additionalProperties: false,
    });
  });
});
