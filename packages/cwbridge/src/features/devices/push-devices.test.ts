import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../app/testing/test-app.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { addSource } from "../sources/index.js";
import { DeviceError } from "./errors.js";
import { parseDevicesFile } from "./parse-devices-file.js";
import { pushDevices } from "./push-devices.js";

const ok = (i: number) => ({
  externalId: `d${i}`,
  customerId: "c1",
  name: `PC-${i}`,
  type: "Managed Workstation",
});

describe.each(TEST_DIALECTS)("pushDevices input (%s)", (dialect) => {
  let t: TestApp;
  let sourceId: string;
  beforeAll(async () => {
    t = await createTestApp({ dialect });
    sourceId = (await addSource(t.ctx, { name: "rmm", connectionId: t.connectionId })).source.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const stored = async () => ({
    devices: (await t.ctx.store.db.selectFrom("devices").select("external_id").execute()).length,
    jobs: (await t.ctx.queue.stats()).pending,
  });

  it.each([
    ["a wrong type", { ...ok(2), name: 42 }, "name"],
    ["an oversize string", { ...ok(2), serialNumber: "x".repeat(251) }, "serialNumber"],
    ["a missing customer id", { externalId: "d2", name: "PC", type: "T" }, "customerId"],
    ["an unknown field", { ...ok(2), colour: "red" }, ""],
    ["an empty name", { ...ok(2), name: "  " }, "name"],
  ])("refuses %s, naming index and field, storing nothing", async (_label, bad, field) => {
    const error = await pushDevices(t.ctx, sourceId, [ok(1), bad, ok(3)], { mode: "delta" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeviceError);
    const issues = (error as DeviceError).issues;
    expect(issues[0]?.index).toBe(1);
    if (field !== "") expect(issues[0]?.field).toBe(field);
    expect((error as DeviceError).message).toMatch(/nothing stored/);
    expect(await stored()).toEqual({ devices: 0, jobs: 0 });
  });

  it("refuses duplicate external ids, bad options and device ids both pushed and removed", async () => {
    await expect(pushDevices(t.ctx, sourceId, [ok(1), ok(1)], { mode: "delta" })).rejects.toThrow(
      /duplicate externalId/,
    );
    await expect(
      pushDevices(t.ctx, sourceId, [ok(1)], { mode: "full" as "delta" }),
    ).rejects.toThrow(/invalid options/);
    await expect(
      pushDevices(t.ctx, sourceId, [ok(1)], { mode: "delta", removed: ["d1"] }),
    ).rejects.toThrow(/both pushed and removed/);
    expect(await stored()).toEqual({ devices: 0, jobs: 0 });
  });

  it("refuses a malformed CSV before anything is pushed", () => {
    expect(() => parseDevicesFile('externalId,customerId,name,type\n"d1,c1,PC,T\n', "csv")).toThrow(
      DeviceError,
    );
  });

  it("stores valid devices (unmapped customer: they wait, no job) and counts unchanged re-pushes", async () => {
    const first = await pushDevices(t.ctx, sourceId, [ok(1), ok(2)], { mode: "snapshot" });
    expect(first).toMatchObject({
      received: 2,
      changed: 2,
      unchanged: 0,
      removed: 0,
      partitions: 0,
    });
    const again = await pushDevices(t.ctx, sourceId, [ok(1)], { mode: "snapshot" });
    expect(again).toMatchObject({ changed: 0, unchanged: 1, removed: 1 });
    const rows = await t.ctx.store.db
      .selectFrom("devices")
      .select(["external_id", "state"])
      .orderBy("external_id")
      .execute();
    expect(rows).toEqual([
      { external_id: "d1", state: "active" },
      { external_id: "d2", state: "removed" },
    ]);
    const back = await pushDevices(t.ctx, sourceId, [ok(2)], { mode: "delta", removed: ["d1"] });
    expect(back).toMatchObject({ changed: 1, removed: 1 });
  });
});
