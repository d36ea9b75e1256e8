import { describe, expect, it } from "vitest";
import { createLogger, createMemoryDestination, createSecretRegistry } from "./logger.js";

describe("logger", () => {
  it("censors credential fields and known secret values anywhere in the line", () => {
    const sink = createMemoryDestination();
    const secrets = createSecretRegistry();
    const log = createLogger({ level: "debug", destination: sink, secrets });
    secrets.add(["acme+pub:very-secret-key", "very-secret-key", "abc"]);
    log.info({ privateKey: "anything", headers: { authorization: "Basic x" } }, "structured");
    log.warn(new Error("boom very-secret-key"), "error with a secret");
    log.info(`basic ${Buffer.from("acme+pub:very-secret-key").toString("base64")} abc`);
    const text = sink.lines.join("\n");
    expect(text).not.toContain("anything");
    expect(text).not.toContain("Basic x");
    expect(text).not.toContain("very-secret-key");
    expect(text).not.toContain(Buffer.from("acme+pub:very-secret-key").toString("base64"));
    expect(text).toContain("abc"); // too short to be treated as a secret
    expect(text.match(/\[REDACTED\]/g)?.length).toBeGreaterThanOrEqual(4);
  });
});
