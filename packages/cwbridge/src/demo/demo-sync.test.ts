import { afterEach, describe, expect, it } from "vitest";
import { exitCodeOfError } from "../core/error-kinds.js";
import { EXIT } from "../core/exit-codes.js";
import { pushDevices } from "../features/devices/index.js";
import {
  createSyncFixture,
  makeDevices,
  type SyncFixture,
} from "../features/devices/testing/sync-fixture.js";
import { DemoError } from "./demo-error.js";
import { syncDemoSource } from "./demo-sync.js";

describe("syncDemoSource", () => {
  let f: SyncFixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it("syncs the source's companies and returns this run's reports", async () => {
    f = await createSyncFixture("sqlite", { start: false });
    await pushDevices(f.t.ctx, f.sourceId, makeDevices(3, "acme"), { mode: "snapshot" });
    const reports = await syncDemoSource(f.t.engine, f.sourceId);
    expect(reports.reduce((n, r) => n + r.created + r.adopted, 0)).toBe(3);
    expect(reports.every((r) => r.outcome !== "error" && r.blocked === null)).toBe(true);
  });

  it("a disabled connection is CWB_ERR_DEMO_BLOCKED (exit 5, as the CLI's blocked sync)", async () => {
    f = await createSyncFixture("sqlite", { start: false, enabled: false });
    await pushDevices(f.t.ctx, f.sourceId, makeDevices(2, "acme"), { mode: "snapshot" });
    const error: unknown = await syncDemoSource(f.t.engine, f.sourceId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DemoError);
    expect(error).toMatchObject({
      code: "CWB_ERR_DEMO_BLOCKED",
      message: expect.stringContaining("disabled"),
    });
    expect(exitCodeOfError(error as DemoError)).toBe(EXIT.blocked);
    expect(f.t.emulator.table("configurations").filter((c) => c["name"] === "ACME-PC-001")).toEqual(
      [],
    );
  });
});
