import { describe, expect, it } from "vitest";
import { createEmulator } from "./create-emulator.js";
import { demoSeed } from "./seeds/demo.js";
import { withCustomMembers } from "./seeds/custom-members.js";
import type { Emulator } from "./types.js";

async function get(emulator: Emulator, path: string, keys: string): Promise<Response> {
  const { url, codebase, companyId, clientId } = emulator.credentials;
  return emulator.fetch(`${url}/${codebase}apis/3.0${path}`, {
    headers: {
      authorization: `Basic ${Buffer.from(`${companyId}+${keys}`).toString("base64")}`,
      clientId,
    },
  });
}

describe("GET /system/mySecurity/customizeItems", () => {
  it("serves the caller's role's customize list, per role", async () => {
    const seed = withCustomMembers(demoSeed(), {
      roles: [
        {
          name: "No Table Setup Columns",
          rights: [{ module: "System", function: "My Company", inquire: "All" }],
          customizeItems: [],
        },
      ],
      apiMembers: [
        {
          identifier: "bare",
          publicKey: "barePub",
          privateKey: "barePriv",
          role: "No Table Setup Columns",
        },
      ],
    });
    const emulator = createEmulator({ seed });
    const demo = await get(
      emulator,
      "/system/mySecurity/customizeItems/",
      "demoPublicKey0001:demoPrivateKey-not-secret-0001",
    );
    expect(demo.status).toBe(200);
    expect(await demo.json()).toEqual([
      { id: 1, customizeIdentifier: "SystemTableSetup", itemIdentifier: "Service/Service Board" },
      { id: 2, customizeIdentifier: "SystemTableSetup", itemIdentifier: "Company/Company Type" },
      { id: 3, customizeIdentifier: "SystemTableSetup", itemIdentifier: "Company/Company Status" },
    ]);
    const bare = await get(emulator, "/system/mySecurity/customizeItems", "barePub:barePriv");
    expect(await bare.json()).toEqual([]);
    // The list is not an API field of the role.
    const roles = await get(
      emulator,
      "/system/securityroles",
      "demoPublicKey0003:demoPrivateKey-not-secret-0003",
    );
    expect(JSON.stringify(await roles.json())).not.toContain("customizeItems");
  });

  it("needs System → My Company inquire like mySecurity", async () => {
    const seed = withCustomMembers(demoSeed(), {
      roles: [{ name: "Nothing", rights: [] }],
      apiMembers: [
        { identifier: "none", publicKey: "nonePub", privateKey: "nonePriv", role: "Nothing" },
      ],
    });
    const emulator = createEmulator({ seed });
    expect(
      (await get(emulator, "/system/mySecurity/customizeItems", "nonePub:nonePriv")).status,
    ).toBe(403);
  });
});
