import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contentHash, toConfigurationPayload, type ConfigurationPayload } from "./device-config.js";
import { planDeviceSync, type DesiredDevice, type KnownDevice } from "./device-sync-plan.js";

const payloadFor = (
  id: string,
  companyId = 1,
  extra: Partial<ConfigurationPayload> = {},
): ConfigurationPayload => ({
  ...toConfigurationPayload(
    { externalId: id, customerExternalId: "c", name: `PC-${id}`, type: "Managed Workstation" },
    { sourceId: "s", companyId },
  ),
  ...extra,
});
const desired = (
  id: string,
  companyId = 1,
  extra: Partial<ConfigurationPayload> = {},
): DesiredDevice => ({
  externalId: id,
  payload: payloadFor(id, companyId, extra),
});
const known = (
  id: string,
  companyId = 1,
  extra: Partial<KnownDevice> = {},
): [string, KnownDevice] => {
  const payload = payloadFor(id, companyId);
  return [
    id,
    {
      cwConfigId: Number(id.replace(/\D/g, "")) || 1,
      pushedHash: contentHash(payload),
      pushedPayload: payload,
      companyId,
      state: "active",
      ...extra,
    },
  ];
};

const withoutConfigId = ([id, k]: [string, KnownDevice]): [string, KnownDevice] => {
  const { cwConfigId: _omit, ...rest } = k;
  return [id, rest];
};

describe("planDeviceSync", () => {
  it("classifies creates, unchanged, updates (changed fields) and moves", () => {
    const plan = planDeviceSync({
      devices: [
        desired("d1"),
        desired("d2"),
        desired("d3", 1, { ipAddress: "10.1.1.1" }),
        desired("d4", 2),
        desired("d5"),
      ],
      known: new Map([known("d2"), known("d3"), known("d4", 1), withoutConfigId(known("d5"))]),
      snapshot: false,
    });
    expect(plan.creates.map((c) => c.externalId)).toEqual(["d1", "d5"]);
    expect(plan.unchanged).toEqual(["d2"]);
    expect(plan.updates).toHaveLength(1);
    expect(plan.updates[0]).toMatchObject({ externalId: "d3", cwConfigId: 3, reactivate: false });
    expect(plan.updates[0]!.changes).toEqual([
      { field: "ipAddress", from: undefined, to: "10.1.1.1" },
    ]);
    expect(plan.moves).toHaveLength(1);
    expect(plan.moves[0]).toMatchObject({
      externalId: "d4",
      from: { companyId: 1 },
      to: { companyId: 2 },
    });
    expect(plan.moves[0]!.changes.map((c) => c.field)).toEqual(["company"]);
    expect(plan.deactivations).toEqual([]);
  });

  it("reactivates a device that comes back", () => {
    const plan = planDeviceSync({
      devices: [desired("d1")],
      known: new Map([known("d1", 1, { state: "inactive" })]),
      snapshot: true,
    });
    expect(plan.updates[0]).toMatchObject({
      reactivate: true,
      changes: [{ field: "activeFlag", from: false, to: true }],
    });
  });

  it("lists every field as changed when the pushed payload is unknown", () => {
    const [id, k] = known("d1");
    const { pushedPayload: _p, ...rest } = k;
    const plan = planDeviceSync({
      devices: [desired("d1", 1, { osType: "Linux" })],
      known: new Map([[id, rest]]),
      snapshot: false,
    });
    expect(plan.updates[0]!.changes.map((c) => c.field)).toContain("name");
  });

  it("deactivates absent devices only on a snapshot", () => {
    const knownMap = new Map([known("d1"), known("d2"), known("d3"), known("d4")]);
    const devices = [desired("d1"), desired("d2"), desired("d3")];
    expect(planDeviceSync({ devices, known: knownMap, snapshot: false }).deactivations).toEqual([]);
    const plan = planDeviceSync({ devices, known: knownMap, snapshot: true });
    expect(plan.deactivations).toEqual([{ externalId: "d4", cwConfigId: 4, companyId: 1 }]);
    expect(plan.blocked).toEqual([]);
  });

  it("blocks a company's deactivations above the threshold, per company", () => {
    const knownMap = new Map([
      known("a1", 1),
      known("a2", 1),
      known("a3", 1),
      known("b1", 2),
      known("b2", 2),
      known("b3", 2),
      known("b4", 2),
    ]);
    const devices = [desired("a1", 1), desired("b1", 2), desired("b2", 2), desired("b3", 2)];
    const plan = planDeviceSync({ devices, known: knownMap, snapshot: true });
    expect(plan.blocked).toEqual([
      { companyId: 1, wouldDeactivate: 2, total: 3, ratio: 2 / 3, externalIds: ["a2", "a3"] },
    ]);
    expect(plan.deactivations).toEqual([{ externalId: "b4", cwConfigId: 4, companyId: 2 }]);

    const empty = planDeviceSync({ devices: [], known: knownMap, snapshot: true });
    expect(empty.deactivations).toEqual([]);
    expect(empty.blocked.map((b) => [b.companyId, b.ratio])).toEqual([
      [1, 1],
      [2, 1],
    ]);

    const approved = planDeviceSync({
      devices,
      known: knownMap,
      snapshot: true,
      approvedCompanies: new Set([1]),
    });
    expect(approved.blocked).toEqual([]);
    expect(approved.deactivations.map((d) => d.externalId)).toEqual(["a2", "a3", "b4"]);

    const lenient = planDeviceSync({ devices, known: knownMap, snapshot: true, threshold: 0.7 });
    expect(lenient.blocked).toEqual([]);
  });

  it("ignores inactive and never-created known devices for deactivation", () => {
    const plan = planDeviceSync({
      devices: [desired("d9")],
      known: new Map([
        known("d1", 1, { state: "inactive" }),
        withoutConfigId(known("d2")),
        known("d9"),
      ]),
      snapshot: true,
    });
    expect(plan.deactivations).toEqual([]);
    expect(plan.blocked).toEqual([]);
  });
});

describe("planDeviceSync (property)", () => {
  const ids = fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 40 });
  it("puts every desired device in exactly one bucket and never deactivates a present device", () => {
    fc.assert(
      fc.property(
        ids,
        ids,
        fc.boolean(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (desiredIds, knownIds, snapshot, threshold) => {
          const devices = desiredIds.map((n) => desired(`d${n}`, (n % 3) + 1));
          const knownMap = new Map(knownIds.map((n) => known(`d${n}`, (n % 4) + 1)));
          const plan = planDeviceSync({ devices, known: knownMap, snapshot, threshold });
          const buckets = [
            ...plan.creates.map((c) => c.externalId),
            ...plan.updates.map((u) => u.externalId),
            ...plan.moves.map((m) => m.externalId),
            ...plan.unchanged,
          ].sort();
          expect(buckets).toEqual(devices.map((d) => d.externalId).sort());
          const present = new Set(devices.map((d) => d.externalId));
          const gone = [
            ...plan.deactivations.map((d) => d.externalId),
            ...plan.blocked.flatMap((b) => b.externalIds),
          ];
          expect(gone.some((id) => present.has(id))).toBe(false);
          if (!snapshot) expect(gone).toEqual([]);
          else
            expect(gone.sort()).toEqual(
              [...knownMap.keys()].filter((id) => !present.has(id)).sort(),
            );
          for (const b of plan.blocked) expect(b.ratio).toBeGreaterThan(threshold);
        },
      ),
      { numRuns: 300 },
    );
  });
});
