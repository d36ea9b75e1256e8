/**
 * Test-only: the crash schedule of issue #7 item 2 — ConnectWise slow enough (hundreds of ms
 * per request) that kills land while ticket creates are queued and in flight: every alert
 * fires, the engine child is SIGKILLed in rounds (each kill waits until a create is in flight,
 * then lands within one request latency), restarted between kills, and only after the last
 * round every alert is resolved — so resolves arrive while creates are still queued, held by a
 * dead worker's lease, or in doubt. Then a child drains the queue and the oracles run.
 *
 * Reuses the crash drill's world, workload, driver and oracles; the chaos fault types of
 * `CRASH_PROFILE` stay on, with the latency raised.
 */
import { createRandom, demoSeed, type Random } from "@cwbridge/connectwise-emulator";
import type { Kysely } from "kysely";
import type { DialectKind } from "../../src/store/dialects/dialect-ops.js";
import type { Database } from "../../src/store/schema.js";
import { createAlertDriver } from "./alert-driver.js";
import { startEngineChild, type ChildExit } from "./child-runner.js";
import { CRASH_PROFILE } from "./crash-run.js";
import { pushDeviceSnapshot } from "./feed.js";
import {
  deviceMismatches,
  duplicateConfigurations,
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

/** Options of {@link runAlertScheduleDrill}. */
export interface AlertScheduleOptions {
  readonly seed: number;
  readonly dialect: DialectKind;
  /** Emulator latency per request (ms). */
  readonly latencyMs: number;
  readonly alerts: number;
  readonly devices: number;
  readonly customers: number;
  /** Kill rounds, each of [min, max] kills (a restart between kills). */
  readonly rounds: readonly (readonly [number, number])[];
  readonly concurrency: number;
  /** Queue adapter of the child (`CWBRIDGE_QUEUE`); default: the database's (graphile-worker on PostgreSQL). */
  readonly queue?: "sql" | "graphile";
}

/** What one kill found when it landed. */
export interface KillSnapshot {
  /** Incidents whose create was sent and not answered (the "sending" marker, no ticket id). */
  readonly inFlight: number;
  /** Incidents without a ticket and no create attempted yet (queued). */
  readonly queued: number;
}

/** What the drill measured and every oracle's violations. */
export interface AlertScheduleResult {
  readonly kills: readonly KillSnapshot[];
  readonly runs: number;
  /** Alerts resolved after the last kill. */
  readonly resolved: number;
  /** Incidents without a ticket id when the resolves arrived (create in flight / queued). */
  readonly atResolve: KillSnapshot;
  readonly drainMs: number;
  readonly stats: RequestStats;
  readonly agreement: Agreement;
  readonly violations: {
    readonly tickets: string[];
    readonly duplicateConfigurations: string[];
    readonly devices: string[];
    readonly lost: string[];
    readonly childErrors: string[];
  };
}

/** A child that has not drained after this long is killed (and reported). */
const MAX_RUN_MS = 150_000;
/** A kill waits at most this long for a create in flight (then lands anyway). */
const MAX_WAIT_FOR_FLIGHT_MS = 8_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function snapshot(db: Kysely<Database>, sourceId: string, since = ""): Promise<KillSnapshot> {
  const rows = await db
    .selectFrom("incidents")
    .select(["attempts", "outcome_unknown_since"])
    .where("source_id", "=", sourceId)
    .where("cw_ticket_id", "is", null)
    .execute();
  const sending = rows.filter((r) => r.outcome_unknown_since !== null);
  return {
    inFlight: sending.filter((r) => (r.outcome_unknown_since ?? "") > since).length,
    queued: rows.filter((r) => r.outcome_unknown_since === null && r.attempts === 0).length,
  };
}

function childEnv(world: World, options: AlertScheduleOptions): Record<string, string> {
  return {
    ...world.env,
    CWB_CHILD_CONCURRENCY: String(options.concurrency),
    ...(options.queue === undefined ? {} : { CWBRIDGE_QUEUE: options.queue }),
  };
}

function childError(exit: ChildExit): string | undefined {
  if (exit.signal === "SIGKILL" || (exit.code === 0 && exit.drained)) return undefined;
  return `child exited ${exit.code ?? exit.signal}: ${exit.stderr.slice(0, 2_000)}`;
}

/** Starts a child and SIGKILLs it once a create is in flight (within one latency). */
async function killWhileCreating(
  world: World,
  db: Kysely<Database>,
  options: AlertScheduleOptions,
  random: Random,
): Promise<{ exit: ChildExit; at: KillSnapshot }> {
  const child = startEngineChild(childEnv(world, options));
  let exited = false;
  void child.exited.then(() => {
    exited = true;
  });
  await Promise.race([child.ready, child.exited]);
  const start = Date.now();
  const since = new Date(start).toISOString();
  // A create this child sent (older "sending" markers are the previous child's).
  while (!exited && Date.now() - start < MAX_WAIT_FOR_FLIGHT_MS) {
    if ((await snapshot(db, world.sourceId, since)).inFlight > 0) break;
    await sleep(25);
  }
  await sleep(random.int(0, options.latencyMs));
  const at = await snapshot(db, world.sourceId);
  return { exit: await child.kill(), at };
}

async function drain(world: World, options: AlertScheduleOptions): Promise<ChildExit[]> {
  const exits: ChildExit[] = [];
  for (let run = 0; run < 3; run++) {
    const child = startEngineChild(childEnv(world, options));
    const deadline = setTimeout(() => void child.kill(), MAX_RUN_MS);
    const exit = await child.exited;
    clearTimeout(deadline);
    exits.push(exit);
    if (exit.code === 0 && exit.drained) break;
    if (childError(exit) !== undefined && exit.signal !== "SIGKILL") break;
  }
  return exits;
}

/**
 * Runs the schedule (see the module comment).
 *
 * @example
 * const r = await runAlertScheduleDrill({ seed: 1, dialect: "sqlite", latencyMs: 500, alerts: 16, devices: 20, customers: 10, rounds: [[2, 3], [2, 3]], concurrency: 4 });
 */
export async function runAlertScheduleDrill(
  options: AlertScheduleOptions,
): Promise<AlertScheduleResult> {
  const random = createRandom(options.seed * 7_919 + 29);
  const emulatorSeed = demoSeed({ companies: 210 });
  const workload = buildWorkload({
    seed: options.seed,
    emulatorSeed,
    customers: options.customers,
    devices: options.devices,
    cycles: options.alerts,
    racingRate: 0,
  });
  const world = await createWorld({
    dialect: options.dialect,
    emulatorSeed,
    randomSeed: options.seed,
    transport: "http",
    workload,
    faults: { ...CRASH_PROFILE, latencyMs: options.latencyMs },
  });
  const feeder = await world.openEngine();
  try {
    const db = feeder.ctx.store.db;
    const driver = createAlertDriver(feeder.ctx, world.sourceId, workload.cycles);
    await pushDeviceSnapshot(feeder.ctx, world.sourceId, workload.devices);
    await driver.fire(workload.cycles);
    const exits: ChildExit[] = [];
    const kills: KillSnapshot[] = [];
    for (const [min, max] of options.rounds) {
      const count = random.int(min, max);
      for (let k = 0; k < count; k++) {
        const { exit, at } = await killWhileCreating(world, db, options, random);
        exits.push(exit);
        if (exit.signal === "SIGKILL") kills.push(at);
      }
    }
    const withoutTicket = await snapshot(db, world.sourceId);
    const resolved = await driver.resolveAll();
    const started = Date.now();
    exits.push(...(await drain(world, options)));
    const drainMs = Date.now() - started;
    const { emulator, sourceId } = world;
    emulator.setFaults({});
    const requests = emulator.ledger.requests();
    return {
      kills,
      runs: exits.length,
      resolved,
      atResolve: withoutTicket,
      drainMs,
      stats: requestStats(requests, world.member),
      agreement: logLedgerAgreement(requests, await logRows(db, world.logStartId)),
      violations: {
        tickets: ticketsPerFire(
          emulator,
          sourceId,
          workload.cycles,
          driver.delivered,
          workload.companyOf,
        ),
        duplicateConfigurations: duplicateConfigurations(emulator, sourceId),
        devices: deviceMismatches(emulator, sourceId, workload.devices, workload.companyOf),
        lost: await lostEvents(db, feeder.ctx.queue, sourceId, workload.cycles, driver.delivered),
        childErrors: exits.flatMap((e) => childError(e) ?? []),
      },
    };
  } finally {
    await feeder.close();
    await world.close();
  }
}
