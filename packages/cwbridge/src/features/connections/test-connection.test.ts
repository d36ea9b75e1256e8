import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  emulatorConnectionInput,
  type TestApp,
} from "../../app/testing/test-app.js";
import { queryRequestLog } from "../../store/request-log.js";
import {
  addConnection,
  testConnection,
  updateConnection,
  type TestConnectionInput,
} from "./index.js";

function listen(
  handler: Parameters<typeof createServer>[1],
): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, origin: `http://127.0.0.1:${port}` });
    });
  });
}

function failureOf(result: Awaited<ReturnType<typeof testConnection>>): {
  step: string;
  code: string;
} {
  const failed = result.steps.find((s) => s.failure !== undefined);
  return { step: failed?.name ?? "", code: failed?.failure?.code ?? "" };
}

describe("testConnection", () => {
  let t: TestApp;
  let good: TestConnectionInput;
  const servers: Server[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    const { name: _name, ...input } = emulatorConnectionInput(t.emulator);
    good = input;
  });
  afterAll(async () => {
    for (const server of servers) server.close();
    await t.close();
  });

  it("passes all three steps for the demo API member and persists the codebase", async () => {
    const result = await testConnection(t.ctx, t.connectionId);
    expect(result.ok).toBe(true);
    expect(result.steps.map((s) => [s.name, s.ok])).toEqual([
      ["companyinfo", true],
      ["systemInfo", true],
      ["whoAmI", true],
    ]);
    expect(result.member?.identifier).toBe("cwbridge");
    expect(result.codebase).toBe(t.emulator.credentials.codebase);
    const logged = await queryRequestLog(t.ctx.store.db, {
      connectionId: t.connectionId,
      limit: 10,
    });
    expect(logged.map((r) => r.path.split("?")[0])).toEqual([
      "/login/companyinfo/demo",
      "/system/info",
      "/system/myMembers",
    ]);
  });

  it("names an unknown company", async () => {
    const result = await testConnection(t.ctx, { ...good, companyId: "nosuchco" });
    expect(failureOf(result)).toEqual({ step: "companyinfo", code: "unknown_company" });
    expect(result.steps.map((s) => s.skipped === true)).toEqual([false, true, true]);
  });

  it("names bad keys and a bad clientId", async () => {
    expect(failureOf(await testConnection(t.ctx, { ...good, privateKey: "wrong-key" }))).toEqual({
      step: "systemInfo",
      code: "bad_keys",
    });
    expect(
      failureOf(await testConnection(t.ctx, { ...good, clientId: "not-a-client-id" })),
    ).toEqual({
      step: "systemInfo",
      code: "client_id",
    });
  });

  it("names a member mismatch", async () => {
    const c = await addConnection(t.ctx, {
      ...emulatorConnectionInput(t.emulator, { name: "m" }),
      memberId: "someone",
    });
    expect(failureOf(await testConnection(t.ctx, c.id))).toEqual({
      step: "whoAmI",
      code: "member_mismatch",
    });
    await updateConnection(t.ctx, c.id, { memberId: "cwbridge" });
    expect((await testConnection(t.ctx, c.id)).ok).toBe(true);
  });

  it("names an unreachable host", async () => {
    const { server, origin } = await listen(() => undefined);
    await new Promise((resolve) => server.close(resolve));
    const result = await testConnection(t.ctx, { ...good, site: origin });
    expect(failureOf(result)).toEqual({ step: "companyinfo", code: "unreachable" });
  });

  it("names a timeout", async () => {
    const { server, origin } = await listen(() => undefined); // never answers
    servers.push(server);
    const result = await testConnection(t.ctx, { ...good, site: origin }, { timeoutMs: 200 });
    expect(failureOf(result)).toEqual({ step: "companyinfo", code: "timeout" });
  });

  it("names a host that is not a ConnectWise API (HTML, 404) and a TLS failure", async () => {
    const { server, origin } = await listen((_req, res) => {
      res.writeHead(404, { "content-type": "text/html" }).end("<html>not here</html>");
    });
    servers.push(server);
    expect(failureOf(await testConnection(t.ctx, { ...good, site: origin }))).toEqual({
      step: "companyinfo",
      code: "ssl_or_host",
    });
    const tls = await testConnection(t.ctx, {
      ...good,
      site: origin.replace("http:", "https:"),
      allowInsecure: false,
    });
    expect(failureOf(tls)).toEqual({ step: "companyinfo", code: "ssl_or_host" });
  });

  it.each([403, 400])("names the 'SSL is required' answer (%i)", async (status) => {
    const { server, origin } = await listen((req, res) => {
      if (req.url?.startsWith("/login/companyinfo/")) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ Codebase: "v2025_1/", CompanyID: "demo" }));
        return;
      }
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: "Security", message: "SSL is required.", errors: null }));
    });
    servers.push(server);
    const result = await testConnection(t.ctx, { ...good, site: origin });
    expect(failureOf(result)).toEqual({ step: "systemInfo", code: "ssl_or_host" });
    expect(result.steps[1]?.failure?.fix).toContain("https://");
  });

  it("names an SSRF-refused site as a validation error, before any request", async () => {
    await expect(
      testConnection(t.ctx, { ...good, site: "https://psa.example.com", allowOnPrem: false }),
    ).rejects.toMatchObject({ code: "CWB_ERR_CONNECTION_SITE_NOT_ALLOWED" });
  });
});
