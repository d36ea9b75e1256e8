import { describe, expect, it } from "vitest";
import { addConnectionSchema, zodIssues } from "./input-schema.js";

describe("zodIssues", () => {
  it("names each unknown key on its own, with its path", () => {
    const parsed = addConnectionSchema.safeParse({ name: "n", extra: 1, other: 2 });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const unknown = zodIssues(parsed.error).filter((i) => i.message === "unknown field");
    expect(unknown).toEqual([
      { path: "extra", field: "extra", message: "unknown field" },
      { path: "other", field: "other", message: "unknown field" },
    ]);
  });
});
