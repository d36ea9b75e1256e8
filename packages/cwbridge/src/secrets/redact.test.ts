import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PINO_REDACT_PATHS, REDACTED, connectionSecrets, createRedactor } from "./redact.js";

describe("createRedactor", () => {
  const creds = {
    companyId: "acme",
    publicKey: "PUBxyz123",
    privateKey: "PRIV-s3cr3t-456",
    clientId: "cid-789-abc",
  };
  const redact = createRedactor(connectionSecrets(creds));
  const basic = Buffer.from("acme+PUBxyz123:PRIV-s3cr3t-456").toString("base64");

  it("redacts the raw private key, clientId, user-pass and Basic header", () => {
    const line = `auth=Basic ${basic} clientId=cid-789-abc up=acme+PUBxyz123:PRIV-s3cr3t-456 pk=PRIV-s3cr3t-456`;
    const out = redact(line);
    for (const s of [basic, "cid-789-abc", "PRIV-s3cr3t-456"]) expect(out).not.toContain(s);
    expect(out).toBe(`auth=Basic ${REDACTED} clientId=${REDACTED} up=${REDACTED} pk=${REDACTED}`);
  });

  it("redacts URL-encoded and base64 forms of a secret", () => {
    const r = createRedactor(["a b/c"]);
    expect(r("q=a%20b%2Fc")).toBe(`q=${REDACTED}`);
    expect(r(Buffer.from("a b/c").toString("base64"))).toBe(REDACTED);
  });

  it("escapes regex metacharacters and ignores empty secrets", () => {
    expect(createRedactor(["a.c", ""])("abc a.c")).toBe(`abc ${REDACTED}`);
    expect(createRedactor([])("unchanged")).toBe("unchanged");
  });

  it("never leaves a planted secret in the output (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 6 }),
        fc.string(),
        fc.string(),
        (secret, before, after) => {
          const out = createRedactor([secret])(`${before}${secret}${after}`);
          expect(out.includes(REDACTED)).toBe(true);
        },
      ),
    );
  });

  it("lists authorization and clientId pino paths", () => {
    expect(PINO_REDACT_PATHS).toContain("headers.authorization");
    expect(PINO_REDACT_PATHS).toContain("*.clientId");
  });
});
