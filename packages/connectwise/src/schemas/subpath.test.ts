import { describe, expect, it } from "vitest";
import { createResources } from "@cwbridge/connectwise";
import { createValidator, responseSchemas, ticketSchema } from "@cwbridge/connectwise/schemas";

describe("@cwbridge/connectwise/schemas subpath", () => {
  it("exposes the schemas, the registry and createValidator", () => {
    expect(ticketSchema.parse({ id: 1 })).toEqual({ id: 1 });
    expect(Object.keys(responseSchemas)).toContain("CompanyConfiguration");
    expect(typeof createValidator()).toBe("function");
    expect(typeof createResources).toBe("function");
  });
});
