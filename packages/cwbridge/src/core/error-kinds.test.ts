import {
  ConditionsSyntaxError,
  ConnectWiseAbortError,
  ConnectWiseAuthError,
  ConnectWiseNotFoundError,
} from "@cwbridge/connectwise";
import { describe, expect, it } from "vitest";
import { EXIT } from "./exit-codes.js";
import { ConnectionError } from "../connectwise/errors.js";
import { EventsLogError } from "../connectwise/events-log-error.js";
import { AlertError } from "../features/alerts/errors.js";
import { SourceError } from "../features/sources/errors.js";
import { ERROR_KIND_NAMES } from "./app-error.js";
import { ERROR_KINDS, errorKindOf, exitCodeOfError, httpStatusOf } from "./error-kinds.js";

describe("the kind table", () => {
  it("has an exit code the CLI documents for every kind", () => {
    const documented = new Set<number>(Object.values(EXIT));
    for (const kind of ERROR_KIND_NAMES) {
      expect(documented.has(ERROR_KINDS[kind].exitCode), kind).toBe(true);
    }
  });

  it.each([
    [new SourceError("CWB_ERR_SOURCE_INVALID", "x"), "invalid", 422, 2],
    [new SourceError("CWB_ERR_SOURCE_NOT_FOUND", "x"), "not_found", 404, 4],
    [new SourceError("CWB_ERR_SOURCE_EXISTS", "x"), "conflict", 409, 2],
    [new ConnectionError("CWB_ERR_CONNECTION_DISABLED", "x"), "blocked", 409, 5],
    [new AlertError("CWB_ERR_ALERT_SETTINGS_INVALID", "x"), "internal", 500, 1],
    [new EventsLogError("POST", "/service/tickets", new Error("db")), "unavailable", 503, 1],
    [new ConnectWiseAuthError({ message: "401", status: 401 }), "upstream", 502, 3],
    [new ConnectWiseNotFoundError({ message: "404", status: 404 }), "not_found", 404, 4],
    [new ConnectWiseAbortError({ message: "aborted" }), "unavailable", 503, 1],
    [new ConditionsSyntaxError("bad", 3), "invalid", 422, 2],
    [new Error("boom"), "internal", 500, 1],
    ["not even an error", "internal", 500, 1],
  ] as const)("%s → %s, HTTP %i, exit %i", (error, kind, status, exit) => {
    expect(errorKindOf(error)).toBe(kind);
    expect(httpStatusOf(error)).toBe(status);
    expect(exitCodeOfError(error)).toBe(exit);
  });

  it("does not read the spelling of a code: a coded plain Error is internal", () => {
    const error = Object.assign(new Error("x"), { code: "CWB_ERR_SOURCE_NOT_FOUND" });
    expect(httpStatusOf(error)).toBe(500);
  });
});
