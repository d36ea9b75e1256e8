/**
 * Test-only: one crash drill — the emulator listens in this process (it survives kills), the
 * engine runs as a child process on the world's data dir and store, inbound work (devices,
 * alert fires, resolves) is written to the store by this process between child runs, and the
 * child is SIGKILLed at seeded random instants, restarted, and finally left to drain the queue.
 * Then every oracle is evaluated.
 */
import { createRandom, demoSeed, type FaultProfile } from "@cwbridge/connectwise-emulator";
import type { DialectKind } from "../../src/store/dialects/dialect-ops.js";
import { createAlertDriver, type AlertDriver } from "./alert-driver.js";
import { startEngineChild, type ChildExit } from "./child-runner.js";
import { pushDeviceSnapshot } from "./feed.js";
import { lateDeviceMismatches, runLatePhase } from "./late-devices.js";
import {
  deviceMismatches,
  duplicateConfigurations,
  duplicateTickets,
  logLedgerAgreement,
  logRows,
  lostEvents,
  requestStats,
  ticketsPerFire,
  type Agreement,
  type RequestStats,
} from "./oracles.js";
import { buildWorkload } from "./workload.js";
import { createWorld, type World } from "./world.js";

/** The chaos fault types, with short Retry-After (0–1 s) so 30+ seeds fit the CI budget. */
export const CRASH_PROFILE: FaultProfile = {
  latencyMs: 5,
  rateLimit: { probability: 0.05, retryAfterSeconds: [0, 1], format: "seconds" },
  serverTimeout: { probability: 0.02 },
  commitThenTimeout: { probability: 0.01 },
  reset: { probability: 0.01 },
};

/** Options of {@link runCrashDrill}. */
export interface CrashDrillOptions {
  readonly seed: number;
  readonly dialect: DialectKind;
  readonly devices: number;
  readonly cycles: number;
  readonly customers: number;
  /** Kills per drill: [min, max]. */
  readonly kills: readonly [number, number];
  /** A kill lands this many ms after the child's worker started: [min, max]. */
  readonly killWindowMs: readonly [number, number];
  readonly concurrency: number;
  /**
   * Devices pushed after the first sync, most with a twin made in ConnectWise meanwhile
   * (`late-devices.ts`); default 0.
   */
  readonly lateDevices?: number;
}

/** What a drill measured and every oracle's violations. */
export interface CrashDrillResult {
  /** The queue the engines ran (`graphile` on PostgreSQL, its default). */
  readonly queue: "sql" | "graphile";
  readonly kills: number;
  readonly runs: number;
  readonly stats: RequestStats;
  readonly agreement: Agreement;
  readonly violations: {
    readonly duplicateConfigurations: string[];
    readonly duplicateTickets: string[];
    readonly devices: string[];
    readonly tickets: string[];
    readonly lost: string[];
    readonly childErrors: string[];
    /** Only with `lateDevices`: twins not adopted, devices with ≠ 1 configuration by serial. */
    readonly lateDevices?: string[];
  };
}

/** A child that has not drained after this long is killed (and reported). */
const MAX_RUN_MS = 180_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a child until it exits (drained), or SIGKILLs it after `killAfterMs`. Meanwhile this
 * process keeps delivering resolves for alerts whose ticket exists (events arriving during
 * work). Returns the exit and how many resolves were delivered.
 */
async function runChild(
  world: World,
  driver: AlertDriver,
  options: CrashDrillOptions,
  killAfterMs: number,
): Promise<{ exit: ChildExit; resolved: number }> {
  const child = startEngineChild(childEnv(world, options));
  let exited = false;
  const exit = child.exited.then((e) => {
    exited = true;
    return e;
  });
  let deadline: NodeJS.Timeout | undefined;
  // The kill clock starts once the worker runs (start-up itself is short and less interesting).
  void child.ready.then(() => {
    deadline = setTimeout(() => void child.kill(), killAfterMs);
  });
  let resolved = 0;
  while (!exited) {
    await Promise.race([exit, sleep(150)]);
    if (!exited) resolved += await driver.resolveOpened();
  }
  clearTimeout(deadline);
  return { exit: await exit, resolved };
}

function childEnv(world: World, options: CrashDrillOptions): Record<string, string> {
  return { ...world.env, CWB_CHILD_CONCURRENCY: String(options.concurrency) };
}

function childError(exit: ChildExit): string | undefined {
  if (exit.signal === "SIGKILL" || (exit.code === 0 && exit.drained)) return undefined;
  return `child exited ${exit.code ?? exit.signal}: ${exit.stderr.slice(0, 2_000)}`;
}

/** Runs children to completion until every cycle is resolved and the queue is empty. */
async function runToEnd(world: World, driver: AlertDriver, options: CrashDrillOptions) {
  const exits: ChildExit[] = [];
  for (let round = 0; round < 20; round++) {
    const { exit, resolved } = await runChild(world, driver, options, MAX_RUN_MS);
    exits.push(exit);
    if (childError(exit) !== undefined) break;
    const late = await driver.resolveOpened();
    if (driver.done() && resolved + late === 0) break;
  }
  return exits;
}

/**
 * Runs one drill (see the module comment).
 *
 * @example
 * const r = await runCrashDrill({ seed: 1, dialect: "sqlite", devices: 150, cycles: 20, customers: 20, kills: [1, 3], killWindowMs: [300, 2500], concurrency: 4 });
 */
export async function runCrashDrill(options: CrashDrillOptions): Promise<CrashDrillResult> {
  const random = createRandom(options.seed * 7_919 + 13);
  const emulatorSeed = demoSeed({ companies: 210 });
  const workload = buildWorkload({ ...options, emulatorSeed });
  const world = await createWorld({
    dialect: options.dialect,
    emulatorSeed,
    randomSeed: options.seed,
    transport: "http",
    workload,
    faults: CRASH_PROFILE,
  });
  const feeder = await world.openEngine();
  try {
    const driver = createAlertDriver(feeder.ctx, world.sourceId, workload.cycles);
    const half = Math.ceil(workload.cycles.length / 2);
    await pushDeviceSnapshot(feeder.ctx, world.sourceId, workload.devices);
    await driver.fire(workload.cycles.slice(0, half));
    const kills = random.int(options.kills[0], options.kills[1]);
    const exits: ChildExit[] = [];
    for (let k = 0; k < kills; k++) {
      const killAfter = random.int(options.killWindowMs[0], options.killWindowMs[1]);
      exits.push((await runChild(world, driver, options, killAfter)).exit);
      // Events arriving while the engine is down: more fires, and resolves of opened alerts.
      if (k === 0) await driver.fire(workload.cycles.slice(half));
      await driver.resolveOpened();
    }
    if (kills === 0) await driver.fire(workload.cycles.slice(half));
    exits.push(...(await runToEnd(world, driver, options)));
    const late =
      workload.late.length === 0
        ? undefined
        : await runLatePhase(
            world,
            feeder.ctx,
            workload,
            random,
            { ...options, faults: CRASH_PROFILE },
            {
              run: async (ms) => (await runChild(world, driver, options, ms)).exit,
              toEnd: () => runToEnd(world, driver, options),
            },
          );
    exits.push(...(late?.exits ?? []));
    const db = feeder.ctx.store.db;
    const { emulator, sourceId } = world;
    emulator.setFaults({});
    const requests = emulator.ledger.requests();
    return {
      queue: feeder.ctx.config.queue,
      kills: exits.filter((e) => e.signal === "SIGKILL").length,
      runs: exits.length,
      stats: requestStats(requests, world.member),
      agreement: logLedgerAgreement(requests, await logRows(db, world.logStartId)),
      violations: {
        duplicateConfigurations: duplicateConfigurations(emulator, sourceId),
        duplicateTickets: duplicateTickets(emulator),
        devices: deviceMismatches(
          emulator,
          sourceId,
          [...workload.devices, ...workload.late.map((l) => l.device)],
          workload.companyOf,
        ),
        tickets: ticketsPerFire(
          emulator,
          sourceId,
          workload.cycles,
          driver.delivered,
          workload.companyOf,
        ),
        lost: await lostEvents(db, feeder.ctx.queue, sourceId, workload.cycles, driver.delivered),
        childErrors: exits.flatMap((e) => childError(e) ?? []),
        ...(late === undefined
          ? {}
          : { lateDevices: lateDeviceMismatches(emulator, sourceId, workload, late.twins) }),
      },
    };
  } finally {
    await feeder.close();
    await world.close();
  }
}
