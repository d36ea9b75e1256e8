import { demoSeed, withCustomMembers } from "@cwbridge/connectwise-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestApp,
  emulatorConnectionInput,
  type TestApp,
} from "../../app/testing/test-app.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { addConnection, enableConnection } from "../connections/index.js";
import { checkPermissions, latestPermissionReport, permissionsJobHandlers } from "./index.js";

describe.each(TEST_DIALECTS)("permissions on %s", (dialect) => {
  let t: TestApp;
  let limitedId: string;
  beforeAll(async () => {
    t = await createTestApp({ dialect, handlers: permissionsJobHandlers });
    const limited = await addConnection(
      t.ctx,
      emulatorConnectionInput(t.emulator, { name: "limited", member: "limited-api" }),
    );
    limitedId = (await enableConnection(t.ctx, limited.id)).id;
  });
  afterAll(() => t.close());

  it("reports every core feature as granted for the demo API member, and stores the report", async () => {
    const stored = await checkPermissions(t.ctx, t.connectionId);
    expect(stored.report.ok).toBe(true);
    expect(stored.roleName).toBe("cwbridge Integration");
    expect(stored.features).toContain("close-tickets");
    expect((await latestPermissionReport(t.ctx, t.connectionId)).report).toEqual(stored);
  });

  it("lists what the limited member lacks, per feature, with the clicks to fix it", async () => {
    const { report } = await checkPermissions(t.ctx, "limited", {
      features: ["tickets", "close-tickets", "table-setup", "agreements", "callbacks"],
    });
    expect(report.ok).toBe(false);
    const missing = Object.fromEntries(
      report.features.map((f) => [f.feature, f.missing.map((m) => `${m.function}:${m.right}`)]),
    );
    expect(missing).toEqual({
      tickets: [],
      "close-tickets": ["Close Service Tickets:edit", "Close Service Tickets:inquire"],
      "table-setup": ["Table Setup:add"],
      agreements: ["Agreements:edit"],
      callbacks: [
        "Manage Callbacks:add",
        "Manage Callbacks:edit",
        "Manage Callbacks:delete",
        "Manage Callbacks:inquire",
      ],
    });
    expect(report.fix.join("\n")).toContain(
      "System → Security Roles → Limited API → expand 'Service Desk' → 'Close Service Tickets'",
    );
  });

  it("rejects unknown features", async () => {
    await expect(
      checkPermissions(t.ctx, t.connectionId, { features: ["nope"] }),
    ).rejects.toMatchObject({ code: "CWB_ERR_PERMISSIONS_INVALID" });
  });

  it("on a 403 records the feature and runs a permission check job", async () => {
    const cw = await t.ctx.clients.forConnection(limitedId);
    await expect(cw.system.callbacks.list()).rejects.toMatchObject({ code: "CW_PERMISSION" });
    const { forbidden } = await latestPermissionReport(t.ctx, limitedId);
    expect(forbidden).toMatchObject({
      method: "GET",
      path: "/system/callbacks",
      features: ["callbacks"],
    });
    const pending = await t.ctx.queue.stats();
    expect(pending.pending).toBe(1);
    await t.engine.start({ concurrency: 1, pollMs: 20 });
    await t.ctx.queue.drain({ timeoutMs: 10_000 });
    await t.engine.stop();
    const { report } = await latestPermissionReport(t.ctx, limitedId);
    expect(report?.report.features.find((f) => f.feature === "close-tickets")?.ok).toBe(false);
  });
});

describe.each(TEST_DIALECTS)("Table Setup customisation on %s", (dialect) => {
  let t: TestApp;
  const seed = withCustomMembers(demoSeed(), {
    roles: [
      {
        name: "No Table Setup Columns",
        rights: [
          { module: "System", function: "My Company", inquire: "All" },
          { module: "System", function: "Table Setup", add: "All", inquire: "All" },
        ],
        customizeItems: [],
      },
    ],
    apiMembers: [
      {
        identifier: "nocolumns",
        publicKey: "noColumnsPub",
        privateKey: "noColumnsPriv",
        role: "No Table Setup Columns",
      },
    ],
  });
  beforeAll(async () => {
    t = await createTestApp({ dialect, seed, handlers: permissionsJobHandlers });
    await addConnection(t.ctx, {
      ...emulatorConnectionInput(t.emulator, { name: "nocolumns" }),
      publicKey: "noColumnsPub",
      privateKey: "noColumnsPriv",
    });
  });
  afterAll(() => t.close());

  it("reports a role whose Table Setup does not allow Service / Service Board, with the clicks", async () => {
    const { report } = await checkPermissions(t.ctx, "nocolumns", { features: ["table-setup"] });
    expect(report.ok).toBe(false);
    const [feature] = report.features;
    expect(feature).toMatchObject({ feature: "table-setup", ok: false, missing: [] });
    expect(feature?.missingCustomizations).toEqual([
      {
        module: "System",
        function: "Table Setup",
        customizeIdentifier: "SystemTableSetup",
        item: "Service/Service Board",
        label: "Service / Service Board",
      },
    ]);
    expect(report.fix).toEqual([
      "System → Security Roles → No Table Setup Columns → expand 'System' → 'Table Setup' → click Customize → under 'Allow access to these columns' add 'Service / Service Board' → Save",
    ]);
    const reads = t.emulator.ledger
      .requests()
      .filter((entry) => entry.path.startsWith("/system/mysecurity"))
      .map((entry) => entry.path);
    expect(reads).toEqual(["/system/mysecurity", "/system/mysecurity/customizeitems"]);
  });

  it("the demo member's role allows the columns", async () => {
    const { report } = await checkPermissions(t.ctx, t.connectionId, { features: ["table-setup"] });
    expect(report.ok).toBe(true);
    expect(report.features[0]?.missingCustomizations).toEqual([]);
  });
});
