import { describe, expect, it } from "vitest";
import { ConfigError } from "../config.js";
import { EngineError } from "../core/errors.js";
import { failureText, processFailure } from "./process-failure.js";

describe("processFailure", () => {
  it("keeps a stable code and takes its exit code from the CLI's table", () => {
    const config = processFailure(
      new ConfigError([{ field: "logLevel", source: "LOG_LEVEL", message: "bad" }]),
      (t) => t,
    );
    expect(config).toMatchObject({ code: "CWB_ERR_CONFIG_INVALID", exitCode: 2 });
    expect(processFailure(new EngineError("CWB_ERR_ENGINE_QUEUE_CONFIG", "x"), (t) => t)).toEqual({
      code: "CWB_ERR_ENGINE_QUEUE_CONFIG",
      message: "x",
      exitCode: 2,
    });
  });

  it("exits 1 for an error without a stable code, and redacts the message", () => {
    const failure = processFailure(
      Object.assign(new Error("key s3cret leaked"), { code: "ENOENT" }),
      (t) => t.replace("s3cret", "[redacted]"),
    );
    expect(failure).toEqual({ message: "key [redacted] leaked", exitCode: 1 });
    expect(failureText(failure)).toBe("error: key [redacted] leaked\n");
    expect(failureText({ code: "CW_TIMEOUT", message: "slow", exitCode: 3 })).toBe(
      "error [CW_TIMEOUT]: slow\n",
    );
  });
});
