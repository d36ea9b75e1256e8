/**
 * Test-only: one in-process run of the chaos workload — devices pushed as one snapshot, every
 * alert fired, each resolved once its ticket exists — under an emulator fault profile, then
 * every oracle evaluated with the faults switched off. Used by `chaos.test.ts` (with and
 * without faults: the fault-free run is the "minimum needed" the amplification is measured
 * against) and reusable by benchmarks.
 */
import { demoSeed, type FaultProfile } from "@cwbridge/connectwise-emulator";
import type { AppContext } from "../../src/core/context.js";
import { createAlertDriver, type AlertDriver } from "./alert-driver.js";
import { pushDeviceSnapshot } from "./feed.js";
import { engineHandlers } from "./handlers.js";
import {
  deviceMismatches,
  duplicateConfigurations,
  duplicateTickets,
  logLedgerAgreement,
  logRows,
  lostEvents,
  minimumRequests,
  requestStats,
  ticketsPerFire,
  type Agreement,
  type RequestStats,
} from "./oracles.js";
import { buildWorkload, type Workload } from "./workload.js";
import { createWorld } from "./world.js";

/** The fault profile of the chaos requirement. */
export const CHAOS_PROFILE: FaultProfile = {
  rateLimit: { probability: 0.05, retryAfterSeconds: [1, 3], format: "seconds" },
  serverTimeout: { probability: 0.02 },
  commitThenTimeout: { probability: 0.01 },
  reset: { probability: 0.01 },
};

/** Options of {@link runChaos}. */
export interface ChaosRunOptions {
  readonly seed: number;
  readonly devices: number;
  readonly cycles: number;
  readonly faults: FaultProfile;
  readonly concurrency?: number;
}

/** Everything a chaos run measured and every oracle's violations. */
export interface ChaosRunResult {
  readonly wallMs: number;
  readonly stats: RequestStats;
  /** Requests a fault-free run needs (see `minimumRequests`). */
  readonly minimum: number;
  readonly agreement: Agreement;
  readonly violations: {
    readonly duplicateConfigurations: string[];
    readonly duplicateTickets: string[];
    readonly devices: string[];
    readonly tickets: string[];
    readonly lost: string[];
  };
  /** Tickets the run created (distinct `externalXRef`s). */
  readonly ticketsCreated: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves alerts as their tickets appear until every cycle is resolved and the queue is idle —
 * or until the queue is idle with cycles that can never resolve (a lost event: the oracles
 * then say which). Prints progress every 30 s.
 */
async function driveToEnd(ctx: AppContext, driver: AlertDriver, requests: () => number) {
  let lastReport = performance.now();
  for (;;) {
    await sleep(250);
    const resolved = await driver.resolveOpened();
    const { pending, running, failed } = await ctx.queue.stats();
    if (pending + running === 0 && resolved === 0 && (driver.done() || (await idleTwice(ctx))))
      return;
    if (performance.now() - lastReport > 30_000) {
      lastReport = performance.now();
      console.info(
        `chaos progress: ${requests()} requests, jobs pending ${pending} running ${running} failed ${failed}`,
      );
    }
  }
}

async function idleTwice(ctx: AppContext): Promise<boolean> {
  await sleep(1_000);
  const { pending, running } = await ctx.queue.stats();
  return pending + running === 0;
}

/**
 * Runs the workload once (see the module comment).
 *
 * @example
 * const r = await runChaos({ seed: 42, devices: 2000, cycles: 300, faults: CHAOS_PROFILE });
 * expect(r.violations.duplicateTickets).toEqual([]);
 */
export async function runChaos(options: ChaosRunOptions): Promise<ChaosRunResult> {
  const emulatorSeed = demoSeed({ companies: 210 });
  const workload: Workload = buildWorkload({
    seed: options.seed,
    emulatorSeed,
    customers: 200,
    devices: options.devices,
    cycles: options.cycles,
  });
  const world = await createWorld({
    emulatorSeed,
    randomSeed: options.seed,
    transport: "in-process",
    workload,
    faults: options.faults,
  });
  const engine = await world.openEngine({
    handlers: engineHandlers(),
    // The emulator enforces the rate (none here): lift the client's prudent 15 req/s default.
    client: {
      retry: { baseDelayMs: 50, maxDelayMs: 1_000 },
      throttle: { ratePerSecond: 10_000, maxConcurrent: options.concurrency ?? 4 },
    },
    queue: { backoff: { baseMs: 200, maxMs: 5_000 } },
  });
  try {
    const started = performance.now();
    const driver = createAlertDriver(engine.ctx, world.sourceId, workload.cycles);
    await pushDeviceSnapshot(engine.ctx, world.sourceId, workload.devices);
    await engine.start({ concurrency: options.concurrency ?? 4, pollMs: 20 });
    await driver.fire(workload.cycles);
    await driveToEnd(engine.ctx, driver, () => world.emulator.ledger.requests().length);
    const wallMs = performance.now() - started;
    await engine.stop();
    world.emulator.setFaults({});
    const { emulator, sourceId } = world;
    const db = engine.ctx.store.db;
    const requests = emulator.ledger.requests();
    return {
      wallMs,
      stats: requestStats(requests, world.member),
      minimum: minimumRequests(requests, world.member),
      agreement: logLedgerAgreement(requests, await logRows(db, world.logStartId)),
      violations: {
        duplicateConfigurations: duplicateConfigurations(emulator, sourceId),
        duplicateTickets: duplicateTickets(emulator),
        devices: deviceMismatches(emulator, sourceId, workload.devices, workload.companyOf),
        tickets: ticketsPerFire(
          emulator,
          sourceId,
          workload.cycles,
          driver.delivered,
          workload.companyOf,
        ),
        lost: await lostEvents(db, engine.ctx.queue, sourceId, workload.cycles, driver.delivered),
      },
      ticketsCreated: new Set(
        emulator
          .table("tickets")
          .map((t) => t["externalXRef"])
          .filter((x) => typeof x === "string" && x.startsWith("cwb:")),
      ).size,
    };
  } finally {
    await engine.close();
    await world.close();
  }
}
