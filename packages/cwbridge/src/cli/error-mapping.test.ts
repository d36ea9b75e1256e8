import { ConnectWiseAuthError } from "@cwbridge/connectwise";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../config.js";
import { ConnectionError } from "../connectwise/errors.js";
import { DeviceError } from "../features/devices/index.js";
import { CliError } from "./cli-error.js";
import { toFailure } from "./error-mapping.js";
import { exitCodeOf } from "./exit-code-of.js";
import { EXIT } from "./exit-codes.js";
import { createOutput } from "./output.js";
import { capture } from "./testing/cli-harness.js";

describe("exit codes", () => {
  it.each([
    ["CWB_ERR_CONFIG_INVALID", EXIT.usage],
    ["CWB_ERR_DEVICE_FILE_INVALID", EXIT.usage],
    ["CWB_ERR_CONNECTION_DUPLICATE_NAME", EXIT.usage],
    ["CWB_ERR_SOURCE_EXISTS", EXIT.usage],
    ["CWB_ERR_SOURCE_NOT_FOUND", EXIT.notFound],
    ["CWB_ERR_ALERT_UNKNOWN_SOURCE", EXIT.notFound],
    ["CW_NOT_FOUND", EXIT.notFound],
    ["CW_AUTH", EXIT.connectwise],
    ["CW_PERMISSION", EXIT.connectwise],
    ["CWB_ERR_PERMISSIONS_UNREADABLE", EXIT.connectwise],
    ["CWB_ERR_CONNECTION_DISABLED", EXIT.blocked],
    ["CWB_ERR_ALERT_UNMAPPED_CUSTOMER", EXIT.blocked],
    ["CWB_ERR_STORE_MIGRATION", EXIT.failure],
    // Client codes raised before anything is sent: bad input, not ConnectWise.
    ["CW_CONFIG", EXIT.usage],
    ["CW_INVALID_ARGUMENT", EXIT.usage],
    ["CW_CONDITIONS_SYNTAX", EXIT.usage],
    ["CW_CONDITIONS_INVALID_VALUE", EXIT.usage],
    ["CW_SCHEMA", EXIT.connectwise],
    ["CW_ABORTED", EXIT.failure],
    ["CWB_ERR_QUEUE_WRONG_DIALECT", EXIT.usage],
    ["CWB_ERR_ALERT_ROUTE_UNRESOLVED", EXIT.notFound],
    // A type/subtype/item without a board: a configuration mistake caught before any request.
    ["CWB_ERR_ALERT_ROUTE_INVALID", EXIT.usage],
    ["CWB_ERR_ALERT_BOARD_STATUS_MISSING", EXIT.notFound],
    // Damaged stored data is not bad input.
    ["CWB_ERR_SECRETS_TOKEN_INVALID", EXIT.failure],
    ["CWB_ERR_ALERT_SETTINGS_INVALID", EXIT.failure],
    ["CWB_ERR_DEVICE_SYNC_INVALID", EXIT.failure],
    ["CWB_ERR_SECRETS_KEYRING_INVALID", EXIT.usage],
    // The CLI's own codes come from the same table.
    ["CWB_ERR_CLI_BLOCKED", EXIT.blocked],
    ["CWB_ERR_CLI_NOT_FOUND", EXIT.notFound],
    ["CWB_ERR_CLI_PERMISSIONS_MISSING", EXIT.connectwise],
    ["CWB_ERR_CLI_UNEXPECTED", EXIT.failure],
    // Not a prototype key.
    ["constructor", EXIT.failure],
  ] as const)("%s → %i", (code, exit) => {
    expect(exitCodeOf(code)).toBe(exit);
  });

  it("maps typed errors with their issues; unknown errors are 1", () => {
    const invalid = new ConnectionError("CWB_ERR_CONNECTION_INVALID", "invalid connection", [
      { field: "site", message: "required" },
    ]);
    expect(toFailure(invalid, (t) => t)).toEqual({
      exitCode: 2,
      code: "CWB_ERR_CONNECTION_INVALID",
      kind: "invalid",
      message: "invalid connection",
      details: { issues: [{ path: "site", field: "site", message: "required" }] },
    });
    expect(
      toFailure(
        new DeviceError("CWB_ERR_DEVICE_INVALID", "bad", {
          issues: [{ path: "devices[3].name", index: 3, field: "name", message: "required" }],
        }),
        (t) => t,
      ).exitCode,
    ).toBe(2);
    expect(
      toFailure(
        new ConfigError([{ field: "httpPort", source: "--port", message: "bad" }]),
        (t) => t,
      ).exitCode,
    ).toBe(2);
    expect(
      toFailure(new ConnectWiseAuthError({ message: "401", status: 401 }), (t) => t),
    ).toMatchObject({ exitCode: 3, code: "CW_AUTH", kind: "upstream" });
    expect(toFailure(new CliError("CWB_ERR_CLI_NOT_FOUND", "x"), (t) => t).kind).toBe("not_found");
    expect(toFailure(new Error("boom"), (t) => t)).toEqual({
      exitCode: 1,
      code: "CWB_ERR_CLI_UNEXPECTED",
      kind: "internal",
      message: "boom",
    });
    expect(toFailure(new CliError("CWB_ERR_CLI_BLOCKED", "guard"), (t) => t).exitCode).toBe(5);
  });

  it("a CliError's exit code is the table's, for every CLI code", () => {
    const codes = [
      "CWB_ERR_CLI_USAGE",
      "CWB_ERR_CLI_FILE",
      "CWB_ERR_CLI_NOT_FOUND",
      "CWB_ERR_CLI_CONNECTION_TEST_FAILED",
      "CWB_ERR_CLI_PERMISSIONS_MISSING",
      "CWB_ERR_CLI_BLOCKED",
      "CWB_ERR_CLI_JOB_FAILED",
      "CWB_ERR_CLI_DOCTOR_FAILED",
    ] as const;
    for (const code of codes) {
      const error = new CliError(code, "x");
      expect(error.exitCode, code).toBe(exitCodeOf(code));
      expect(toFailure(error, (t) => t).exitCode, code).toBe(exitCodeOf(code));
    }
  });
});

describe("output", () => {
  it("--json: exactly one document for a result or an error; secrets redacted everywhere", () => {
    const stdout = capture();
    const stderr = capture();
    const out = createOutput({
      stdout,
      stderr,
      json: true,
      redact: (t) => t.replaceAll("s3cret", "[REDACTED]"),
    });
    out.failure({ exitCode: 2, code: "X", kind: "invalid", message: "bad s3cret" });
    expect(JSON.parse(stdout.text())).toEqual({
      error: { code: "X", kind: "invalid", message: "bad [REDACTED]" },
    });
    out.note("progress");
    expect(stderr.text()).toBe("");
  });

  it("human: result lines on stdout, errors with details on stderr", () => {
    const stdout = capture();
    const stderr = capture();
    const out = createOutput({ stdout, stderr, json: false, redact: (t) => t });
    out.result({ data: { a: 1 }, human: ["line 1", "line 2"] });
    out.failure({
      exitCode: 2,
      code: "X",
      kind: "invalid",
      message: "bad input",
      details: { issues: [{ index: 2, field: "name", message: "required" }] },
    });
    expect(stdout.text()).toBe("line 1\nline 2\n");
    expect(stderr.text()).toBe("error: bad input\n  - #2 name: required\n");
  });
});
