/**
 * Adoption before every create: a device that arrives after its company's first sync (a delta
 * push or a later snapshot) adopts a configuration created in ConnectWise since (by a
 * technician or another tool) instead of getting a duplicate.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getKv, isoIn, setKv } from "../../store/index.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { COVERAGE_TTL_MS, coverageKey } from "./adoption-coverage.js";
import { adoptSource } from "./jobs.js";
import { planSync } from "./plan-sync.js";
import { pushDevices } from "./push-devices.js";
import { syncPartition } from "./sync-partition.js";
import { getSyncReport } from "./sync-report.js";
import { createSyncFixture, makeDevices, type SyncFixture } from "./testing/sync-fixture.js";

type Row = Record<string, unknown> & { id: number };

const LATE = {
  externalId: "late-1",
  customerId: "acme",
  name: "ACME-LATE-001",
  type: "Managed Workstation",
  serialNumber: "LATE-SER-0001",
  tagNumber: "TAG-LATE-0001",
  osType: "Windows 11 Pro",
};

/** How the technician's configuration matches the late device. */
const BY = {
  serialNumber: { name: "Front desk PC", serialNumber: "late-ser-0001" },
  tagNumber: { name: "Front desk PC", tagNumber: "TAG-LATE-0001" },
  name: { name: "acme-late-001" },
} as const;

const posts = (f: SyncFixture) =>
  f.requests().filter((r) => r.method === "POST" && r.path === "/company/configurations");
/** Reads of configurations (the lookup, a count, a whole-company read). */
const lookups = (f: SyncFixture) =>
  f
    .requests()
    .filter(
      (r) =>
        r.method === "GET" &&
        ["/company/configurations", "/company/configurations/count"].includes(r.path),
    );
const configs = (f: SyncFixture): Row[] => f.t.emulator.table("configurations");
const keyOf = (f: SyncFixture, externalId: string) => `cwb:${f.sourceId}:${externalId}`;

describe.each(TEST_DIALECTS)("adoption before every create (%s)", (dialect) => {
  let f: SyncFixture;
  let acme: number;
  const firstDevices = () => makeDevices(3, "acme");

  beforeEach(async () => {
    f = await createSyncFixture(dialect);
    acme = f.companyId("AcmeCorp");
    await pushDevices(f.t.ctx, f.sourceId, firstDevices(), { mode: "snapshot" });
    await f.drain(); // the company's first sync (its adoption read) is done
    f.clearLedger();
  });
  afterEach(async () => {
    await f.close();
  });

  /** A configuration created in ConnectWise directly, after the first sync. */
  async function technicianCreates(
    fields: { readonly name: string } & Record<string, string>,
  ): Promise<number> {
    const cw = await f.t.ctx.clients.forConnection(f.t.connectionId);
    const created = await cw.configurations.create({
      ...fields,
      type: { id: 1 },
      company: { id: acme },
    });
    f.clearLedger();
    return created.id;
  }

  const cases = [
    ["serialNumber", "delta"],
    ["tagNumber", "delta"],
    ["name", "delta"],
    ["serialNumber", "snapshot"],
    ["name", "snapshot"],
  ] as const;

  it.each(cases)("adopts by %s on a later %s push", async (by, mode) => {
    const existing = await technicianCreates(BY[by]);
    const before = configs(f).length;
    const devices = mode === "delta" ? [LATE] : [...firstDevices(), LATE];
    await pushDevices(f.t.ctx, f.sourceId, devices, { mode });
    await f.drain();

    expect(posts(f)).toHaveLength(0);
    expect(configs(f)).toHaveLength(before);
    const adopted = configs(f).find((c) => c.id === existing);
    expect(adopted?.["deviceIdentifier"]).toBe(keyOf(f, "late-1"));
    expect(adopted?.["name"]).toBe(LATE.name);
    expect(configs(f).filter((c) => c["deviceIdentifier"] === keyOf(f, "late-1"))).toHaveLength(1);
    const [report] = await getSyncReport(f.t.ctx, f.sourceId, acme);
    expect(report).toMatchObject({ outcome: "synced", adopted: 1, created: 0 });
    // one batched lookup, then the PATCH of the adopted configuration
    const onConfigs = f.requests().filter((r) => r.path.startsWith("/company/configurations"));
    expect(onConfigs.map((r) => `${r.method} ${r.path.replace(/\d+$/, ":id")}`)).toEqual([
      "GET /company/configurations",
      `PATCH /company/configurations/:id`,
    ]);
  });

  it("the plan shows the adoption, not a create, and writes nothing", async () => {
    const existing = await technicianCreates(BY.serialNumber);
    await f.t.engine.stop();
    await pushDevices(f.t.ctx, f.sourceId, [LATE], { mode: "delta" });
    const plan = await planSync(f.t.ctx, { sourceId: f.sourceId });
    const part = plan.partitions.find((p) => p.companyId === acme);
    expect(part).toMatchObject({ adoptions: 1, creates: 0, updates: 1 });
    expect(part?.changes.find((c) => c.externalId === "late-1")).toMatchObject({
      action: "update",
      cwConfigId: existing,
    });
    expect(f.requests().filter((r) => r.method !== "GET")).toHaveLength(0);
    const row = await f.t.ctx.store.db
      .selectFrom("devices")
      .select("cw_config_id")
      .where("external_id", "=", "late-1")
      .executeTakeFirstOrThrow();
    expect(row.cw_config_id).toBeNull();
  });

  it("holds an ambiguous late match for a human instead of creating", async () => {
    await technicianCreates({ name: "Spare 1", serialNumber: LATE.serialNumber });
    await technicianCreates({ name: "Spare 2", serialNumber: LATE.serialNumber });
    await pushDevices(f.t.ctx, f.sourceId, [LATE], { mode: "delta" });
    await f.drain();
    expect(posts(f)).toHaveLength(0);
    const [report] = await getSyncReport(f.t.ctx, f.sourceId, acme);
    expect(report).toMatchObject({ held: 1, created: 0, adopted: 0 });
    expect(configs(f).filter((c) => c["serialNumber"] === LATE.serialNumber)).toHaveLength(2);
  });

  it("never adopts a configuration that belongs to another device of ours", async () => {
    // acme-1's configuration (ours, carries its device key) shares the late device's serial
    const twin = { ...LATE, serialNumber: "SER-acme-1" };
    await pushDevices(f.t.ctx, f.sourceId, [twin], { mode: "delta" });
    await f.drain();
    expect(posts(f)).toHaveLength(1);
    const withSerial = configs(f).filter((c) => c["serialNumber"] === "SER-acme-1");
    expect(withSerial.map((c) => c["deviceIdentifier"]).sort()).toEqual(
      [keyOf(f, "acme-1"), keyOf(f, "late-1")].sort(),
    );
  });

  it("costs one lookup per partition run with creates, none when nothing is created", async () => {
    const devices = [...firstDevices(), ...makeDevices(10, "late")].map((d) => ({
      ...d,
      customerId: "acme",
    }));
    await pushDevices(f.t.ctx, f.sourceId, devices, { mode: "snapshot" });
    await f.drain();
    expect(posts(f)).toHaveLength(10);
    expect(lookups(f)).toHaveLength(1);
    f.clearLedger();
    await pushDevices(f.t.ctx, f.sourceId, devices, { mode: "snapshot" });
    await f.drain();
    expect(f.requests()).toHaveLength(0);
  });
});

describe.each(TEST_DIALECTS)("the first-sync read stands in for the lookup (%s)", (dialect) => {
  let f: SyncFixture;
  afterEach(async () => {
    await f.close();
  });

  /** First sync read (adopt job) done, nothing created yet; a technician then adds a twin. */
  async function readThenTwin(devices: Record<string, string>[], twinSerial: string) {
    f = await createSyncFixture(dialect, { start: false });
    const { ctx, connectionId } = f.t;
    await pushDevices(ctx, f.sourceId, devices, { mode: "snapshot" });
    await adoptSource(ctx, { sourceId: f.sourceId, connectionId });
    const acme = f.companyId("AcmeCorp");
    const cw = await ctx.clients.forConnection(connectionId);
    const twin = await cw.configurations.create({
      name: "Bench spare",
      serialNumber: twinSerial,
      type: { id: 1 },
      company: { id: acme },
    });
    f.clearLedger();
    return { partition: { sourceId: f.sourceId, connectionId, companyId: acme }, twin: twin.id };
  }

  it("right after the read: no lookup for the devices it checked", async () => {
    const { partition } = await readThenTwin(makeDevices(5, "acme"), "unrelated");
    const report = await syncPartition(f.t.ctx, partition);
    expect(report.created).toBe(5);
    expect(lookups(f)).toHaveLength(0);
    // the read's record is used once, then dropped
    const left = await f.t.ctx.store.db
      .selectFrom("kv")
      .select("key")
      .where("key", "=", coverageKey(f.sourceId, partition.companyId))
      .execute();
    expect(left).toEqual([]);
  });

  it("a device changed since the read is looked up (and adopts the twin)", async () => {
    const devices = makeDevices(3, "acme");
    const { partition, twin } = await readThenTwin(devices, "SER-acme-2");
    const changed = { ...devices[1], osType: "Windows 12" } as Record<string, string>;
    await pushDevices(f.t.ctx, f.sourceId, [changed], { mode: "delta" });
    const report = await syncPartition(f.t.ctx, partition);
    expect(report).toMatchObject({ created: 2, adopted: 1 });
    const adopted = f.t.emulator.table("configurations").find((c) => c.id === twin);
    expect(adopted?.["deviceIdentifier"]).toBe(`cwb:${f.sourceId}:acme-2`);
  });

  it(`a read older than ${COVERAGE_TTL_MS / 60_000} minutes no longer counts`, async () => {
    const { partition, twin } = await readThenTwin(makeDevices(3, "acme"), "SER-acme-3");
    const key = coverageKey(f.sourceId, partition.companyId);
    const stored = await getKv(f.t.ctx.scope.db, key);
    const old = { ...JSON.parse(stored ?? "{}"), at: isoIn(-COVERAGE_TTL_MS - 1_000) };
    await setKv(f.t.ctx.scope.db, key, JSON.stringify(old));
    const report = await syncPartition(f.t.ctx, partition);
    expect(report).toMatchObject({ created: 2, adopted: 1 });
    expect(f.t.emulator.table("configurations").find((c) => c.id === twin)).toMatchObject({
      deviceIdentifier: `cwb:${f.sourceId}:acme-3`,
    });
  });

  it("many devices to create in a small company: one count and one read of the company", async () => {
    f = await createSyncFixture(dialect, { start: false });
    const { ctx, connectionId } = f.t;
    const acme = f.companyId("AcmeCorp");
    await pushDevices(ctx, f.sourceId, makeDevices(1, "acme"), { mode: "snapshot" });
    await adoptSource(ctx, { sourceId: f.sourceId, connectionId });
    const partition = { sourceId: f.sourceId, connectionId, companyId: acme };
    await syncPartition(ctx, partition);
    await pushDevices(ctx, f.sourceId, makeDevices(60, "acme"), { mode: "snapshot" });
    f.clearLedger();
    const report = await syncPartition(ctx, partition);
    expect(report.created).toBe(59);
    expect(lookups(f).map((r) => r.path)).toEqual([
      "/company/configurations/count",
      "/company/configurations",
    ]);
  });
});
