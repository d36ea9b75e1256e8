import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  emulatorConnectionInput,
  createTestApp,
  type TestApp,
} from "../../app/testing/test-app.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import {
  addConnection,
  disableConnection,
  enableConnection,
  getConnection,
  listConnections,
  removeConnection,
  updateConnection,
  type AddConnectionInput,
} from "./index.js";

const base: AddConnectionInput = {
  name: "acme",
  site: "na",
  companyId: "acme",
  publicKey: "pubKey1234",
  privateKey: "priv-SECRET-value-1",
  clientId: "11111111-2222-3333-4444-555555555555",
};

describe.each(TEST_DIALECTS)("connections on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ dialect, withConnection: false });
  });
  afterAll(() => t.close());

  async function rows(): Promise<unknown[]> {
    return t.ctx.store.db.selectFrom("connections").selectAll().orderBy("name").execute();
  }

  it("adds a disabled connection, never returning or storing the secrets in clear", async () => {
    const c = await addConnection(t.ctx, { ...base, settings: { severity: "High" } });
    expect(c).toMatchObject({
      name: "acme",
      site: "na",
      enabled: false,
      hasPrivateKey: true,
      hasClientId: true,
      publicKeyHint: "…1234",
      apiVersion: "2025.16",
      settings: { severity: "High" },
    });
    const json = JSON.stringify([
      c,
      await listConnections(t.ctx),
      await getConnection(t.ctx, "acme"),
    ]);
    expect(json).not.toContain(base.privateKey);
    expect(json).not.toContain(base.clientId);
    expect(JSON.stringify(await rows())).not.toContain(base.privateKey);
    expect(JSON.stringify(await rows())).not.toContain(base.clientId);
  });

  it("lists every bad field at once and changes nothing", async () => {
    const before = await rows();
    const error = await addConnection(t.ctx, {
      name: "",
      site: "https://psa.example.com/path",
      companyId: "a b",
      publicKey: "",
      privateKey: "x",
      clientId: "",
      extra: 1,
    } as unknown as AddConnectionInput).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "CWB_ERR_CONNECTION_INVALID" });
    const fields = (error as { issues: { field: string }[] }).issues.map((i) => i.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        "name",
        "companyId",
        "publicKey",
        "clientId",
        "extra",
        "site",
        "allowOnPrem",
      ]),
    );
    expect(await rows()).toEqual(before);
  });

  it("rejects a duplicate name and an unknown feature", async () => {
    await expect(addConnection(t.ctx, base)).rejects.toMatchObject({
      code: "CWB_ERR_CONNECTION_DUPLICATE_NAME",
    });
    await expect(
      addConnection(t.ctx, { ...base, name: "other", settings: { features: ["tickets", "nope"] } }),
    ).rejects.toMatchObject({ code: "CWB_ERR_CONNECTION_INVALID" });
  });

  it("requires the on-prem opt-in for URL sites and allows cloud API hosts", async () => {
    await expect(
      addConnection(t.ctx, { ...base, name: "onprem", site: "https://psa.example.com" }),
    ).rejects.toMatchObject({ code: "CWB_ERR_CONNECTION_SITE_NOT_ALLOWED" });
    const onprem = await addConnection(t.ctx, {
      ...base,
      name: "onprem",
      site: "https://psa.example.com",
      allowOnPrem: true,
    });
    expect(onprem.allowOnPrem).toBe(true);
    const cloud = await addConnection(t.ctx, {
      ...base,
      name: "cloud-url",
      site: "https://api-eu.myconnectwise.net",
    });
    expect(cloud.allowOnPrem).toBe(false);
  });

  it("updates, toggles and removes", async () => {
    const updated = await updateConnection(t.ctx, "acme", {
      privateKey: "priv-SECRET-value-2",
      settings: { impact: "Low" },
    });
    expect(updated.settings).toEqual({ severity: "High", impact: "Low" });
    expect(JSON.stringify(await rows())).not.toContain("priv-SECRET-value-2");
    await expect(updateConnection(t.ctx, "acme", { name: "onprem" })).rejects.toMatchObject({
      code: "CWB_ERR_CONNECTION_DUPLICATE_NAME",
    });
    await expect(updateConnection(t.ctx, "acme", { bogus: true } as never)).rejects.toMatchObject({
      code: "CWB_ERR_CONNECTION_INVALID",
    });
    expect((await enableConnection(t.ctx, "acme")).enabled).toBe(true);
    expect((await disableConnection(t.ctx, updated.id)).enabled).toBe(false);
    await removeConnection(t.ctx, "acme");
    await expect(getConnection(t.ctx, "acme")).rejects.toMatchObject({
      code: "CWB_ERR_CONNECTION_NOT_FOUND",
    });
  });

  it("reaches the emulator with a connection it added, and decrypts the secrets", async () => {
    const c = await addConnection(t.ctx, emulatorConnectionInput(t.emulator, { name: "emu" }));
    const cw = await t.ctx.clients.forConnection(c.id);
    expect((await cw.system.myMember()).identifier).toBe("cwbridge");
  });
});
