import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretsError } from "./errors.js";
import {
  createKeyring,
  keyringFromJson,
  keyringFromMasterKey,
  keyringToJson,
  rotateKeyring,
} from "./keyring.js";

function errorOf(fn: () => unknown): SecretsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SecretsError);
    return e as SecretsError;
  }
  throw new Error("expected a throw");
}

describe("keyring", () => {
  it("round-trips through JSON", () => {
    const { keyring } = rotateKeyring(createKeyring());
    const back = keyringFromJson(JSON.parse(JSON.stringify(keyringToJson(keyring))));
    expect(back.active).toBe(keyring.active);
    expect([...back.keys.keys()].sort()).toEqual([...keyring.keys.keys()].sort());
    for (const [id, key] of keyring.keys)
      expect(Buffer.from(back.keys.get(id)!).equals(key)).toBe(true);
  });

  it("rejects bad keyrings without echoing key material", () => {
    const secretish = Buffer.alloc(16, 7).toString("base64");
    const cases: unknown[] = [
      null,
      { active: "a" },
      { active: "a", keys: {} },
      { active: "a", keys: { a: secretish } },
      { active: "a:b", keys: { "a:b": randomBytes(32).toString("base64") } },
      { active: "a", keys: { a: "not base64!" } },
    ];
    for (const value of cases) {
      const err = errorOf(() => keyringFromJson(value));
      expect(err.code).toBe("CWB_ERR_SECRETS_KEYRING_INVALID");
      expect(err.message).not.toContain(secretish);
    }
  });

  it("accepts an env master key as base64 with a stable derived id", () => {
    const raw = randomBytes(32).toString("base64");
    const a = keyringFromMasterKey(raw);
    expect(a.active).toMatch(/^env-[0-9a-f]{12}$/);
    expect(keyringFromMasterKey(` ${raw}\n`).active).toBe(a.active);
    expect(keyringFromMasterKey(randomBytes(32).toString("base64")).active).not.toBe(a.active);
  });

  it("accepts an env master key as keyring JSON", () => {
    const keyring = createKeyring();
    const fromEnv = keyringFromMasterKey(JSON.stringify(keyringToJson(keyring)));
    expect(fromEnv.active).toBe(keyring.active);
  });

  it("rejects a short env master key without echoing it", () => {
    const short = randomBytes(16).toString("base64");
    const err = errorOf(() => keyringFromMasterKey(short));
    expect(err.code).toBe("CWB_ERR_SECRETS_KEYRING_INVALID");
    expect(err.message).not.toContain(short);
    expect(errorOf(() => keyringFromMasterKey("{oops")).code).toBe(
      "CWB_ERR_SECRETS_KEYRING_INVALID",
    );
  });
});
