import { randomBytes } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../app/testing/test-app.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { testConnection } from "../connections/index.js";
import { rotateKeys, secretsByKey } from "./index.js";

async function tokens(t: TestApp): Promise<string[]> {
  const rows = await t.ctx.store.db
    .selectFrom("connections")
    .select(["private_key_enc", "client_id"])
    .execute();
  return rows.flatMap((r) => [r.private_key_enc, r.client_id]);
}

describe.each(TEST_DIALECTS)("rotateKeys on %s", (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("re-encrypts every secret under a new key, retires the old one, and still decrypts", async () => {
    t = await createTestApp({ dialect });
    const oldKey = t.ctx.keyring.active;
    const before = await tokens(t);
    const report = await rotateKeys(t.ctx);
    expect(report).toMatchObject({ source: "file", reencrypted: 2, retired: [oldKey] });
    expect(report.activeKeyId).not.toBe(oldKey);
    expect(t.ctx.keyring.active).toBe(report.activeKeyId);
    expect(await secretsByKey(t.ctx)).toEqual({ [report.activeKeyId]: 2 });
    const after = await tokens(t);
    for (const token of before) expect(after).not.toContain(token);
    const file = join(t.dataDir, "master.key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Object.keys((JSON.parse(readFileSync(file, "utf8")) as { keys: object }).keys)).toEqual([
      report.activeKeyId,
    ]);
    t.ctx.clients.invalidate(t.connectionId);
    expect((await testConnection(t.ctx, t.connectionId)).ok).toBe(true);
  });

  it("keeps the old key when asked to", async () => {
    t = await createTestApp({ dialect });
    const oldKey = t.ctx.keyring.active;
    const report = await rotateKeys(t.ctx, { retireOld: false });
    expect(report.retired).toEqual([]);
    expect([...t.ctx.keyring.keys.keys()].sort()).toEqual([oldKey, report.activeKeyId].sort());
  });
});

describe("rotateKeys with an env keyring", () => {
  it("re-encrypts under the env keyring's active key without writing a file", async () => {
    const key = randomBytes(32).toString("base64");
    const t = await createTestApp({ env: { CWBRIDGE_MASTER_KEY: key } });
    try {
      const report = await rotateKeys(t.ctx);
      expect(report).toMatchObject({
        source: "env",
        reencrypted: 2,
        activeKeyId: t.ctx.keyring.active,
      });
      expect(() => statSync(join(t.dataDir, "master.key"))).toThrow();
    } finally {
      await t.close();
    }
  });
});
