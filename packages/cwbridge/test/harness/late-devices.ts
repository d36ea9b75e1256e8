/**
 * Test-only: the crash drill's late-device phase (issue #7 item 1, every create adopts first).
 * After the first sync of every company has drained, a technician makes the twin
 * configurations of the workload's late devices in ConnectWise (faults paused, through the
 * feeder's logged client), the late devices are pushed (a delta push on odd seeds, the full
 * snapshot on even ones), and children sync them while being SIGKILLed at seeded instants.
 * Its oracle: every twin adopted by its device, and exactly one configuration per device by
 * serial number (and by the twin's key) in the device's company.
 */
import type { Emulator, Entity, FaultProfile, Random } from "@cwbridge/connectwise-emulator";
import { deviceKey, normaliseMac } from "../../src/domain/device-config.js";
import type { AppContext } from "../../src/core/context.js";
import { pushDevices } from "../../src/features/devices/push-devices.js";
import type { ChildExit } from "./child-runner.js";
import type { LateDevice, Workload } from "./workload.js";
import type { World } from "./world.js";

/** How the phase runs children (the drill's own runner). */
export interface LatePhaseRunner {
  /** Runs a child until it drains, or SIGKILLs it `killAfterMs` after its worker started. */
  run(killAfterMs: number): Promise<ChildExit>;
  /** Runs children until the queue is drained. */
  toEnd(): Promise<ChildExit[]>;
}

/** Options of {@link runLatePhase}. */
export interface LatePhaseOptions {
  readonly seed: number;
  readonly faults: FaultProfile;
  readonly kills: readonly [number, number];
  readonly killWindowMs: readonly [number, number];
}

/** What the phase did: the children's exits and each late device's twin configuration id. */
export interface LatePhaseResult {
  readonly exits: ChildExit[];
  readonly twins: ReadonlyMap<string, number>;
}

async function makeTwins(
  world: World,
  ctx: AppContext,
  late: readonly LateDevice[],
  faults: FaultProfile,
): Promise<Map<string, number>> {
  const typeId = world.emulator.table("configurationTypes")[0]?.id ?? 1;
  const cw = await ctx.clients.forConnection(world.connectionId);
  const twins = new Map<string, number>();
  world.emulator.setFaults({});
  try {
    for (const { device, twin } of late) {
      if (twin === undefined) continue;
      const created = await cw.configurations.create({
        ...twin.fields,
        type: { id: typeId },
        company: { id: twin.companyId },
      });
      twins.set(device.externalId, created.id);
    }
  } finally {
    world.emulator.setFaults(faults);
  }
  return twins;
}

/**
 * Runs the phase (see the module comment); call it once the first sync has drained.
 *
 * @example
 * const late = await runLatePhase(world, feeder.ctx, workload, random, options, runner);
 */
export async function runLatePhase(
  world: World,
  ctx: AppContext,
  workload: Workload,
  random: Random,
  options: LatePhaseOptions,
  runner: LatePhaseRunner,
): Promise<LatePhaseResult> {
  const twins = await makeTwins(world, ctx, workload.late, options.faults);
  const late = workload.late.map((l) => l.device);
  if (options.seed % 2 === 1) await pushDevices(ctx, world.sourceId, late, { mode: "delta" });
  else await pushDevices(ctx, world.sourceId, [...workload.devices, ...late], { mode: "snapshot" });
  const exits: ChildExit[] = [];
  const kills = random.int(options.kills[0], options.kills[1]);
  for (let k = 0; k < kills; k++) {
    exits.push(await runner.run(random.int(options.killWindowMs[0], options.killWindowMs[1])));
  }
  exits.push(...(await runner.toEnd()));
  return { exits, twins };
}

const lower = (value: unknown) => (typeof value === "string" ? value.trim().toLowerCase() : "");
const companyOfRow = (c: Entity) => (c["company"] as { id?: number } | undefined)?.id;

/**
 * The late-device oracle: each twin carries its device's key (adopted, not duplicated), and
 * every device (early and late) has exactly one configuration with its serial number in its
 * company, and a late device exactly one with its twin's MAC address or name.
 *
 * @example
 * expect(lateDeviceMismatches(emulator, sourceId, workload, late.twins)).toEqual([]);
 */
export function lateDeviceMismatches(
  emulator: Emulator,
  sourceId: string,
  workload: Workload,
  twins: ReadonlyMap<string, number>,
): string[] {
  const configs = emulator.table("configurations");
  const violations: string[] = [];
  const inCompany = (companyId: number, field: string, value: string) =>
    configs.filter((c) => {
      if (companyOfRow(c) !== companyId) return false;
      const stored = c[field];
      if (field !== "macAddress") return lower(stored) === lower(value);
      return (
        typeof stored === "string" && lower(normaliseMac(stored)) === lower(normaliseMac(value))
      );
    });
  const all = [...workload.devices, ...workload.late.map((l) => l.device)];
  for (const device of all) {
    const companyId = workload.companyOf.get(device.customerId) ?? -1;
    const serial = inCompany(companyId, "serialNumber", String(device.serialNumber));
    if (serial.length !== 1)
      violations.push(`device ${device.externalId}: ${serial.length} configurations by serial`);
  }
  for (const { device, twin } of workload.late) {
    if (twin === undefined) continue;
    const id = twins.get(device.externalId);
    const row = configs.find((c) => c.id === id);
    const key = deviceKey(sourceId, device.externalId);
    if (row?.["deviceIdentifier"] !== key)
      violations.push(`twin ${id} of ${device.externalId} (by ${twin.by}) not adopted`);
    if (twin.by === "serialNumber") continue;
    const value = String(twin.by === "name" ? device.name : device.macAddress);
    const same = inCompany(twin.companyId, twin.by, value);
    if (same.length !== 1)
      violations.push(`device ${device.externalId}: ${same.length} configurations by ${twin.by}`);
  }
  return violations.slice(0, 20);
}
