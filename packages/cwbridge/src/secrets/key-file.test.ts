import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./envelope.js";
import { SecretsError } from "./errors.js";
import { keyFilePath, openKeyring, readKeyFile, rotateKeyFile } from "./key-file.js";
import { createKeyring, keyringToJson } from "./keyring.js";

const posix = process.platform !== "win32";

describe("key file", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "cwb-keys-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.runIf(posix)("generates master.key with mode 0600 on first use, then reuses it", async () => {
    const dataDir = join(dir, "nested", "data");
    const first = await openKeyring({ dataDir });
    expect(first.kind).toBe("generated");
    const mode = (await stat(keyFilePath(dataDir))).mode & 0o777;
    expect(mode).toBe(0o600);
    const json = JSON.parse(await readFile(keyFilePath(dataDir), "utf8")) as { active: string };
    expect(json.active).toBe(first.keyring.active);

    const second = await openKeyring({ dataDir });
    expect(second.kind).toBe("file");
    const token = encryptSecret(first.keyring, "x");
    expect(decryptSecret(second.keyring, token)).toBe("x");
  });

  it.runIf(posix)("refuses a key file readable by group or others unless allowed", async () => {
    const path = keyFilePath(dir);
    await writeFile(path, JSON.stringify(keyringToJson(createKeyring())), { mode: 0o644 });
    await chmod(path, 0o644);
    const err = await openKeyring({ dataDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretsError);
    expect((err as SecretsError).code).toBe("CWB_ERR_SECRETS_KEY_PERMS");
    expect((err as SecretsError).message).toContain("chmod 600");
    const allowed = await openKeyring({ dataDir: dir, allowInsecurePermissions: true });
    expect(allowed.kind).toBe("file");
  });

  it("uses an env-provided master key without touching the file", async () => {
    const opened = await openKeyring({
      dataDir: dir,
      masterKey: Buffer.alloc(32, 1).toString("base64"),
    });
    expect(opened.kind).toBe("env");
    expect(await readKeyFile(keyFilePath(dir))).toBeUndefined();
  });

  it("reports a corrupt key file as an invalid keyring", async () => {
    await writeFile(keyFilePath(dir), "garbage", { mode: 0o600 });
    const err = await readKeyFile(keyFilePath(dir)).catch((e: unknown) => e);
    expect((err as SecretsError).code).toBe("CWB_ERR_SECRETS_KEYRING_INVALID");
  });

  it.runIf(posix)("rotates the stored keyring, keeping old keys and mode 0600", async () => {
    const { keyring } = await openKeyring({ dataDir: dir });
    const old = encryptSecret(keyring, "x", "a");
    const { keyId } = await rotateKeyFile({ dataDir: dir });
    const reread = await readKeyFile(keyFilePath(dir));
    expect(reread?.active).toBe(keyId);
    expect(decryptSecret(reread!, old, "a")).toBe("x");
    expect((await stat(keyFilePath(dir))).mode & 0o777).toBe(0o600);
  });
});
