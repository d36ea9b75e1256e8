import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("./bin.ts", import.meta.url));

function start(args: string[]): ReturnType<typeof spawn> {
  return spawn(process.execPath, ["--conditions=source", "--import", "tsx", BIN, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
}

describe("cw-emulator bin", () => {
  it("--json prints exactly one parseable line with working credentials", async () => {
    const child = start(["--port", "0", "--json", "--seed", "demo"]);
    try {
      const lines = createInterface({ input: child.stdout! });
      const first = await new Promise<string>((resolve) => lines.once("line", resolve));
      const parsed = JSON.parse(first) as Record<string, string>;
      expect(Object.keys(parsed)).toEqual([
        "url",
        "codebase",
        "companyId",
        "publicKey",
        "privateKey",
        "clientId",
      ]);
      const basic = Buffer.from(
        `${parsed["companyId"]}+${parsed["publicKey"]}:${parsed["privateKey"]}`,
      ).toString("base64");
      const response = await fetch(`${parsed["url"]}/${parsed["codebase"]}apis/3.0/system/info`, {
        headers: { authorization: `Basic ${basic}`, clientId: parsed["clientId"] ?? "" },
      });
      expect(response.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("exits 2 with a clear message on bad flags", async () => {
    const child = start(["--seed", "nope"]);
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(2);
    expect(stderr).toContain("--seed must be demo or empty");
  });

  it("adds the vendor's own API members, keys, roles, company id and clientId", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cw-emulator-bin-"));
    const file = join(dir, "members.json");
    writeFileSync(
      file,
      JSON.stringify({
        roles: [
          {
            name: "Vendor Tickets",
            rights: [
              { module: "System", function: "My Company", inquire: "All" },
              { module: "Service Desk", function: "Service Tickets", add: "All", inquire: "All" },
            ],
            customizeItems: [],
          },
        ],
        apiMembers: [
          {
            identifier: "vendor-file",
            publicKey: "vendorPub1",
            privateKey: "vendorPriv1",
            role: "Vendor Tickets",
          },
        ],
      }),
    );
    const clientId = "0f0e0d0c-0b0a-4908-8706-050403020100";
    const child = start([
      "--port",
      "0",
      "--json",
      "--seed",
      "empty",
      "--seed-file",
      file,
      "--api-member",
      "vendor-flag+vendorPub2+vendorPriv2+Limited API",
      "--client-id",
      clientId,
      "--company-id",
      "vendorco",
    ]);
    try {
      const lines = createInterface({ input: child.stdout! });
      const first = await new Promise<string>((resolve) => lines.once("line", resolve));
      const { url, codebase, companyId } = JSON.parse(first) as Record<string, string>;
      expect(companyId).toBe("vendorco");
      const get = (path: string, key: string): Promise<Response> =>
        fetch(`${url}/${codebase}apis/3.0${path}`, {
          headers: {
            authorization: `Basic ${Buffer.from(`vendorco+${key}`).toString("base64")}`,
            clientId,
          },
        });
      const me = await get("/system/myMembers", "vendorPub1:vendorPriv1");
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({
        identifier: "vendor-file",
        securityRole: { name: "Vendor Tickets" },
      });
      expect((await get("/service/tickets", "vendorPub1:vendorPriv1")).status).toBe(200);
      expect((await get("/company/companies", "vendorPub1:vendorPriv1")).status).toBe(403);
      const items = await get("/system/mySecurity/customizeItems", "vendorPub1:vendorPriv1");
      expect(await items.json()).toEqual([]);
      const flag = await get("/system/myMembers", "vendorPub2:vendorPriv2");
      expect(await flag.json()).toMatchObject({
        identifier: "vendor-flag",
        securityRole: { name: "Limited API" },
      });
      const flagItems = await get("/system/mySecurity/customizeItems", "vendorPub2:vendorPriv2");
      expect(await flagItems.json()).toContainEqual(
        expect.objectContaining({
          customizeIdentifier: "SystemTableSetup",
          itemIdentifier: "Service/Service Board",
        }),
      );
      expect((await get("/system/info", "wrongPub:wrongPriv")).status).toBe(401);
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it.each([
    [["--api-member", "only+two"], "--api-member must be identifier+publicKey+privateKey[+role]"],
    [["--api-member", "v+p+k+No Such Role"], "unknown role 'No Such Role'"],
    [["--api-member", "cwbridge+p+k"], "member 'cwbridge' already exists"],
    [["--api-member", "v+demoPublicKey0001+k"], "public key already in use"],
    [["--client-id", "not-a-uuid"], "--client-id"],
    [["--company-id", "has space"], "--company-id"],
    [["--seed-file", "/nonexistent/members.json"], "--seed-file must be a readable JSON file"],
  ])("exits 2 with a clear message: %j", async (args, message) => {
    const child = start(args);
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it("exits 2 on a seed file with an unknown module function", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cw-emulator-bin-"));
    const file = join(dir, "bad.json");
    writeFileSync(
      file,
      JSON.stringify({ roles: [{ name: "X", rights: [{ module: "System", function: "Nope" }] }] }),
    );
    const child = start(["--seed-file", file]);
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(2);
    expect(stderr).toContain("unknown module function 'System → Nope'");
  });
});
