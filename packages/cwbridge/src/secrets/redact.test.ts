import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSecretRegistry } from "../logger.js";
import {
  PINO_REDACT_PATHS,
  REDACTED,
  connectionSecrets,
  createRedactor,
  redactUrlCredentials,
} from "./redact.js";

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

describe("redactUrlCredentials (issue #7.4)", () => {
  it("removes the userinfo of any URL, up to the last '@' of the authority", () => {
    const table: [string, string][] = [
      [
        "site https://user:pw@api-na.myconnectwise.net",
        "site https://[REDACTED]@api-na.myconnectwise.net",
      ],
      [
        '{"site":"http://u:p@ss@10.0.0.5:8080/x?a@b"}',
        '{"site":"http://[REDACTED]@10.0.0.5:8080/x?a@b"}',
      ],
      ["site 'HTTPS://only-user@h'", "site 'HTTPS://[REDACTED]@h'"],
      ["a@b.c https://h/path@x https://h?q=a@b", "a@b.c https://h/path@x https://h?q=a@b"],
    ];
    for (const [text, redacted] of table) expect(redactUrlCredentials(text)).toBe(redacted);
  });

  it("is part of every redactor, with or without known secrets, and of the log registry", () => {
    const url = "https://planted:Pw-91@psa.example.com";
    expect(createRedactor([])(url)).toBe("https://[REDACTED]@psa.example.com");
    expect(createRedactor(["other-secret"])(`${url} other-secret`)).toBe(
      "https://[REDACTED]@psa.example.com [REDACTED]",
    );
    expect(createSecretRegistry().redact(url)).toBe("https://[REDACTED]@psa.example.com");
  });
});
