import { describe, expect, it, vi } from "vitest";
import { ConnectWiseSchemaError, createValidator } from "./validator.js";

describe("createValidator", () => {
  it("returns the parsed entity, unknown fields kept", () => {
    const validate = createValidator();
    expect(validate("Ticket", { id: 1, summary: "Disk full", extra: true })).toEqual({
      id: 1,
      summary: "Disk full",
      extra: true,
    });
  });

  it("throws ConnectWiseSchemaError with the issue path", () => {
    const validate = createValidator();
    let caught: unknown;
    try {
      validate("Ticket", { id: 1, company: { id: "250" } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConnectWiseSchemaError);
    const error = caught as ConnectWiseSchemaError;
    expect(error.code).toBe("CW_SCHEMA");
    expect(error.schemaName).toBe("Ticket");
    expect(error.message).toContain("company.id");
  });

  it("in report mode calls onIssue and returns the data unchanged", () => {
    const onIssue = vi.fn();
    const validate = createValidator({ mode: "report", onIssue });
    const data = { summary: "no id" };
    expect(validate("Ticket", data)).toBe(data);
    expect(onIssue).toHaveBeenCalledOnce();
    expect(onIssue.mock.calls[0]?.[0]).toBeInstanceOf(ConnectWiseSchemaError);
  });
});
