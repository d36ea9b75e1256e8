import { describe, expect, it } from "vitest";
import { FIXTURE_CLIENT_ID, authHeaders, call, fixtureEmulator } from "./fixture.test-suite.js";

const emulator = fixtureEmulator();
const url = (path: string): string => `http://cw.emulator/v2025_1/apis/3.0${path}`;
const basic = (text: string): string => `Basic ${Buffer.from(text).toString("base64")}`;

async function status(headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const response = await emulator.fetch(url("/system/info"), { headers });
  return { status: response.status, body: await response.json() };
}

describe("authentication", () => {
  it("accepts company+public:private with a known clientId", async () => {
    const { status: code } = await call(emulator, "GET", "/system/info");
    expect(code).toBe(200);
  });

  it.each([
    ["no Authorization", { clientId: FIXTURE_CLIENT_ID }],
    [
      "wrong private key",
      { authorization: basic("Acme+pubFull:nope"), clientId: FIXTURE_CLIENT_ID },
    ],
    [
      "wrong company",
      { authorization: basic("Other+pubFull:privFull"), clientId: FIXTURE_CLIENT_ID },
    ],
    [
      "no company prefix",
      { authorization: basic("pubFull:privFull"), clientId: FIXTURE_CLIENT_ID },
    ],
    ["Bearer scheme", { authorization: "Bearer abc", clientId: FIXTURE_CLIENT_ID }],
    ["missing clientId", { authorization: basic("Acme+pubFull:privFull") }],
    ["unknown clientId", { authorization: basic("Acme+pubFull:privFull"), clientId: "nope" }],
  ])("401 Unauthorized: %s", async (_, headers) => {
    const result = await status(headers);
    expect(result.status).toBe(401);
    expect(result.body).toMatchObject({ code: "Unauthorized", errors: null });
    expect(typeof (result.body as { message: unknown }).message).toBe("string");
  });

  it("treats the company id case-insensitively", async () => {
    const result = await status({
      authorization: basic("ACME+pubFull:privFull"),
      clientId: FIXTURE_CLIENT_ID,
    });
    expect(result.status).toBe(200);
  });

  it("records the authenticated member in the ledger", async () => {
    const local = fixtureEmulator();
    await call(local, "GET", "/system/info", { key: "noclose" });
    expect(local.ledger.requests().at(-1)).toMatchObject({
      path: "/system/info",
      status: 200,
      memberIdentifier: "jdoe",
    });
  });
});

describe("companyinfo and routing", () => {
  it("serves companyinfo unauthenticated and case-insensitively", async () => {
    const response = await emulator.fetch("http://cw.emulator/login/companyinfo/acme");
    expect(await response.json()).toEqual({
      CompanyName: "Acme Corp",
      Codebase: "v2025_1/",
      VersionCode: "v2025.16",
      VersionNumber: "v4.6.108256",
      CompanyID: "Acme",
      IsCloud: true,
    });
  });

  it("records companyinfo calls in the ledger with their full path", async () => {
    const local = fixtureEmulator();
    await local.fetch("http://cw.emulator/login/companyinfo/Acme");
    expect(local.ledger.requests()).toEqual([
      expect.objectContaining({ method: "GET", path: "/login/companyinfo/acme", status: 200 }),
    ]);
  });

  it("answers the literal null for an unknown company", async () => {
    const response = await emulator.fetch("http://cw.emulator/LOGIN/CompanyInfo/nobody");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("null");
  });

  it("serves any codebase segment and case-insensitive paths", async () => {
    for (const prefix of ["v4_6_release", "v2025_1", "V2019_3"]) {
      const response = await emulator.fetch(
        `http://cw.emulator/${prefix}/APIS/3.0/Service/Tickets/100`,
        { headers: authHeaders() },
      );
      expect(response.status).toBe(200);
    }
  });

  it("sets x-cw-request-id and api-current-version", async () => {
    const { headers } = await call(emulator, "GET", "/system/info");
    expect(headers.get("x-cw-request-id")).toMatch(/^cwemu-\d+$/);
    expect(headers.get("api-current-version")).toBe("2025.16");
  });

  it("404s unknown routes in ConnectWise's shape", async () => {
    const result = await call(emulator, "GET", "/nope/nothing");
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ code: "NotFound", errors: null });
    const outside = await emulator.fetch("http://cw.emulator/whatever");
    expect(outside.status).toBe(404);
    expect(await outside.json()).toMatchObject({ code: "NotFound" });
  });

  it("404s a missing record", async () => {
    const result = await call(emulator, "GET", "/service/tickets/999999");
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({ code: "NotFound" });
  });

  it("405s a method the spec does not list", async () => {
    expect((await call(emulator, "DELETE", "/service/severities/1")).status).toBe(405);
    expect((await call(emulator, "POST", "/system/info")).status).toBe(405);
    expect((await call(emulator, "PUT", "/service/tickets")).status).toBe(405);
  });
});
