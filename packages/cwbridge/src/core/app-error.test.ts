import { describe, expect, it } from "vitest";
import { ConnectionError } from "../connectwise/errors.js";
import { SecretsError } from "../secrets/errors.js";
import { SourceError } from "../features/sources/errors.js";
import { AppError } from "./app-error.js";
import { issuePath } from "./issue-path.js";

describe("AppError", () => {
  it("subclasses keep their names and codes, and are AppErrors with their kind", () => {
    const error = new SourceError("CWB_ERR_SOURCE_EXISTS", "a source named n1 exists");
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: "SourceError",
      code: "CWB_ERR_SOURCE_EXISTS",
      kind: "conflict",
      issues: [],
    });
  });

  it("toJSON carries code, kind, message and issues only: never the cause nor extra fields", () => {
    const cause = new Error("connect postgres://admin:hunter2@db/cw failed");
    const error = new SecretsError("CWB_ERR_SECRETS_DECRYPT_FAILED", "secret failed", { cause });
    expect(error.cause).toBe(cause);
    const json = JSON.stringify(error);
    expect(JSON.parse(json)).toEqual({
      code: "CWB_ERR_SECRETS_DECRYPT_FAILED",
      kind: "internal",
      message: "secret failed",
      issues: [],
    });
    expect(json).not.toContain("hunter2");
  });

  it("issues have a path; the JSON view keeps only path and message", () => {
    const error = new ConnectionError("CWB_ERR_CONNECTION_INVALID", "invalid connection", [
      { field: "site", message: "required" },
      { field: "(input)", message: "invalid" },
    ]);
    expect(error.issues).toEqual([
      { path: "site", field: "site", message: "required" },
      { path: "", field: "(input)", message: "invalid" },
    ]);
    expect(error.toJSON().issues).toEqual([
      { path: "site", message: "required" },
      { path: "", message: "invalid" },
    ]);
  });
});

describe("issuePath", () => {
  it.each([
    [["devices", 3, "serial"], "devices[3].serial"],
    [[3, "name"], "[3].name"],
    [["defaults", "impact"], "defaults.impact"],
    [[], ""],
  ] as const)("%j → %s", (path, text) => {
    expect(issuePath(path)).toBe(text);
  });
});
