import { describe, expect, it } from "vitest";
import { createEmulator } from "./create-emulator.js";
import { DEMO_KEYS } from "./seeds/index.js";
import type { Emulator } from "./types.js";

function headersFor(
  emulator: Emulator,
  key: { publicKey: string; privateKey: string } = emulator.credentials,
): Record<string, string> {
  const { companyId, clientId } = emulator.credentials;
  return {
    authorization: `Basic ${Buffer.from(`${companyId}+${key.publicKey}:${key.privateKey}`).toString("base64")}`,
    clientId,
    "content-type": "application/json",
  };
}

async function api(
  emulator: Emulator,
  method: string,
  path: string,
  options: { body?: unknown; key?: { publicKey: string; privateKey: string } } = {},
): Promise<{ status: number; body: unknown }> {
  const { codebase } = emulator.credentials;
  const response = await emulator.fetch(`http://cw.emulator/${codebase}apis/3.0${path}`, {
    method,
    headers: headersFor(emulator, options.key),
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : (JSON.parse(text) as unknown) };
}

describe("the emulator on the demo seed", () => {
  it("exposes the demo API member's credentials and companyinfo", async () => {
    const emulator = createEmulator();
    expect(emulator.credentials).toMatchObject({
      url: "http://cw.emulator",
      companyId: "demo",
      codebase: "v2025_1/",
      ...DEMO_KEYS.cwbridge,
    });
    const info = await emulator.fetch(`http://cw.emulator/login/companyinfo/DEMO`);
    expect(await info.json()).toMatchObject({ Codebase: "v2025_1/", CompanyID: "demo" });
    expect((await api(emulator, "GET", "/system/myMembers")).body).toMatchObject({
      identifier: "cwbridge",
    });
  });

  it("lets cwbridge open and close a ticket; the limited member cannot close", async () => {
    const emulator = createEmulator();
    const statuses = (
      await api(emulator, "GET", "/service/boards/1/statuses?conditions=closedStatus%3Dtrue")
    ).body as { id: number }[];
    const closed = statuses[0]?.id;
    const created = await api(emulator, "POST", "/service/tickets", {
      body: { summary: "From the test", company: { identifier: "AcmeCorp" } },
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: number }).id;
    const patch = [{ op: "replace", path: "status", value: { id: closed } }];
    const denied = await api(emulator, "PATCH", `/service/tickets/${id}`, {
      body: patch,
      key: DEMO_KEYS.limited,
    });
    expect(denied.status).toBe(403);
    const done = await api(emulator, "PATCH", `/service/tickets/${id}`, { body: patch });
    expect(done.body).toMatchObject({ closedFlag: true, closedBy: "cwbridge" });
  });

  it("works on the empty seed", async () => {
    const emulator = createEmulator({ seed: "empty" });
    expect((await api(emulator, "GET", "/system/info")).status).toBe(200);
    expect((await api(emulator, "GET", "/service/tickets/count")).body).toEqual({ count: 0 });
  });

  it("keeps seed objects untouched and table() returns copies", async () => {
    const emulator = createEmulator();
    const before = emulator.table("companies")[0];
    await api(emulator, "PATCH", `/company/companies/${before?.id ?? 0}`, {
      body: [{ op: "replace", path: "name", value: "Renamed" }],
    });
    expect(before?.["name"]).not.toBe("Renamed");
    const copy = emulator.table("companies");
    copy[0] = { id: -1 };
    expect(emulator.table("companies")[0]?.id).toBe(before?.id);
  });
});
