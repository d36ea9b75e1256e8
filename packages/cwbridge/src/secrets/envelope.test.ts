import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decryptSecret,
  encryptSecret,
  isUnderActiveKey,
  parseSecretToken,
  reencrypt,
} from "./envelope.js";
import { SecretsError } from "./errors.js";
import { createKeyring, rotateKeyring } from "./keyring.js";

const PLAIN = "very-secret-private-key-value";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SecretsError);
    const err = e as SecretsError;
    expect(err.message).not.toContain(PLAIN);
    expect(JSON.stringify(err)).not.toContain(PLAIN);
    expect(String(err.stack)).not.toContain(PLAIN);
    return err.code;
  }
  return undefined;
}

describe("envelope", () => {
  const keyring = createKeyring();

  it("round-trips with and without aad", () => {
    const token = encryptSecret(keyring, PLAIN, "connection:1:privateKey");
    expect(token).toMatch(/^v1:k\d{8}-[0-9a-f]{8}:[^:]+:[^:]+:[^:]+$/);
    expect(token).not.toContain(PLAIN);
    expect(decryptSecret(keyring, token, "connection:1:privateKey")).toBe(PLAIN);
    expect(decryptSecret(keyring, encryptSecret(keyring, ""))).toBe("");
  });

  it("uses a fresh IV for every encryption", () => {
    expect(encryptSecret(keyring, PLAIN)).not.toBe(encryptSecret(keyring, PLAIN));
  });

  it("round-trips any unicode string (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string(), (plain, aad) => {
        expect(decryptSecret(keyring, encryptSecret(keyring, plain, aad), aad)).toBe(plain);
      }),
      { numRuns: 200 },
    );
  });

  it("detects a flipped byte in iv, ciphertext or tag", () => {
    const token = encryptSecret(keyring, PLAIN);
    const [v, id, ...rest] = token.split(":");
    for (let part = 0; part < 3; part++) {
      const bytes = Buffer.from(rest[part]!, "base64");
      bytes[0] = bytes[0]! ^ 0x01;
      const parts = [...rest];
      parts[part] = bytes.toString("base64");
      const tampered = [v, id, ...parts].join(":");
      expect(codeOf(() => decryptSecret(keyring, tampered))).toBe("CWB_ERR_SECRETS_DECRYPT_FAILED");
    }
  });

  it("rejects a wrong aad (ciphertext swapped between rows)", () => {
    const token = encryptSecret(keyring, PLAIN, "connection:1:privateKey");
    expect(codeOf(() => decryptSecret(keyring, token, "connection:2:privateKey"))).toBe(
      "CWB_ERR_SECRETS_DECRYPT_FAILED",
    );
    expect(codeOf(() => decryptSecret(keyring, token))).toBe("CWB_ERR_SECRETS_DECRYPT_FAILED");
  });

  it("reports an unknown key id and malformed tokens", () => {
    const other = createKeyring();
    const token = encryptSecret(other, PLAIN);
    expect(codeOf(() => decryptSecret(keyring, token))).toBe("CWB_ERR_SECRETS_UNKNOWN_KEY");
    for (const bad of ["", PLAIN, "v2:a:b:c:d", "v1:k::", token.replace(/:[^:]+$/, ":AAAA")]) {
      expect(codeOf(() => decryptSecret(keyring, bad))).toBe("CWB_ERR_SECRETS_TOKEN_INVALID");
    }
  });

  it("detects a key id swapped in the token (key id is authenticated)", () => {
    const rotated = rotateKeyring(keyring).keyring;
    const token = encryptSecret(rotated, PLAIN);
    const swapped = token.replace(`:${rotated.active}:`, `:${keyring.active}:`);
    expect(codeOf(() => decryptSecret(rotated, swapped))).toBe("CWB_ERR_SECRETS_DECRYPT_FAILED");
  });

  it("rotation keeps old keys for decryption and reencrypt moves tokens to the active key", () => {
    const old = encryptSecret(keyring, PLAIN, "aad");
    const { keyring: rotated, keyId } = rotateKeyring(keyring);
    expect(rotated.active).toBe(keyId);
    expect(keyId).not.toBe(keyring.active);
    expect(rotated.keys.size).toBe(2);
    expect(keyring.keys.size).toBe(1);
    expect(decryptSecret(rotated, old, "aad")).toBe(PLAIN);
    expect(isUnderActiveKey(rotated, old)).toBe(false);
    const fresh = reencrypt(rotated, old, "aad");
    expect(parseSecretToken(fresh).keyId).toBe(keyId);
    expect(isUnderActiveKey(rotated, fresh)).toBe(true);
    expect(decryptSecret(rotated, fresh, "aad")).toBe(PLAIN);
    expect(codeOf(() => decryptSecret(keyring, fresh, "aad"))).toBe("CWB_ERR_SECRETS_UNKNOWN_KEY");
  });
});
