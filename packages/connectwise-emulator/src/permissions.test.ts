import { describe, expect, it } from "vitest";
import { call, fixtureEmulator } from "./fixture.test-suite.js";

const SECURITY = {
  code: "Security",
  message: "You do not have security permission to perform this action.",
  errors: null,
};

describe("security roles", () => {
  it("403s a read when inquire is None", async () => {
    const emulator = fixtureEmulator();
    const result = await call(emulator, "GET", "/service/tickets", { key: "read" });
    expect(result.status).toBe(403);
    expect(result.body).toEqual(SECURITY);
    expect((await call(emulator, "GET", "/service/tickets/count", { key: "read" })).status).toBe(
      403,
    );
  });

  it("403s writes when add/edit/delete are None, before any change", async () => {
    const emulator = fixtureEmulator();
    const post = await call(emulator, "POST", "/company/companies", {
      key: "read",
      body: { identifier: "X", name: "X" },
    });
    const patch = await call(emulator, "PATCH", "/company/companies/1", { key: "read", body: [] });
    const del = await call(emulator, "DELETE", "/company/companies/1", { key: "read" });
    expect([post.status, patch.status, del.status]).toEqual([403, 403, 403]);
    expect(emulator.ledger.changes()).toEqual([]);
  });

  it("allows reads with inquire All, and /system/info for anyone", async () => {
    const emulator = fixtureEmulator();
    expect((await call(emulator, "GET", "/company/companies", { key: "read" })).status).toBe(200);
    expect((await call(emulator, "GET", "/system/info", { key: "read" })).status).toBe(200);
  });

  it("needs Close Service Tickets (edit) to move a ticket to a closed status", async () => {
    const emulator = fixtureEmulator();
    const patch = [{ op: "replace", path: "status", value: { id: 2 } }];
    const denied = await call(emulator, "PATCH", "/service/tickets/100", {
      key: "noclose",
      body: patch,
    });
    expect(denied.status).toBe(403);
    expect(emulator.ledger.changes()).toEqual([]);
    const allowed = await call(emulator, "PATCH", "/service/tickets/100", {
      key: "full",
      body: patch,
    });
    expect(allowed.status).toBe(200);
  });

  it("lets a member edit a ticket without closing it", async () => {
    const emulator = fixtureEmulator();
    const result = await call(emulator, "PATCH", "/service/tickets/100", {
      key: "noclose",
      body: [{ op: "replace", path: "summary", value: "Printer jam (again)" }],
    });
    expect(result.status).toBe(200);
  });

  it("serves myMembers and mySecurity for the caller", async () => {
    const emulator = fixtureEmulator();
    const me = await call(emulator, "GET", "/system/myMembers", { key: "noclose" });
    expect(me.body).toMatchObject({ id: 20, identifier: "jdoe", securityRole: { id: 3 } });
    const api = await call(emulator, "GET", "/system/myMembers");
    expect(api.body).toMatchObject({ identifier: "fullapi", licenseClass: "A" });
    const security = await call(emulator, "GET", "/system/mySecurity", { key: "noclose" });
    const close = (security.body as Record<string, unknown>[]).find(
      (row) => row["moduleFunctionName"] === "Close Service Tickets",
    );
    expect(close).toMatchObject({ editLevel: "None", member: { id: 20, identifier: "jdoe" } });
  });

  it("serves role settings under /system/securityRoles/{id}/settings", async () => {
    const emulator = fixtureEmulator();
    const result = await call(
      emulator,
      "GET",
      "/system/securityRoles/2/settings?conditions=moduleFunctionName%3D%22Service+Tickets%22",
    );
    expect(result.body).toEqual([
      expect.objectContaining({ moduleName: "Service Desk", inquireLevel: "None" }),
    ]);
    expect(result.body).not.toContainEqual(expect.objectContaining({ roleId: expect.anything() }));
  });
});
