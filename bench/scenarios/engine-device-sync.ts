/**
 * Engine: cold sync of 10,000 devices over 200 companies, then a warm resync with nothing
 * changed, against the emulator at 20 ms per request and no rate limit (reference §4.3 / B1,
 * B3). Ideal: Q_min = ⌈M/P⌉ (one empty read of existing configurations) + c₀ (one read of
 * configuration types) + W (one create per device); T_min = Q_min × L ÷ K. c₀ holds no
 * configuration statuses read: a device sync never reads them (its payloads carry no status).
 */
import { demoSeed } from "@cwbridge/connectwise-emulator";
import { runSync } from "../../packages/cwbridge/src/features/devices/index.js";
import { pushDeviceSnapshot } from "../../packages/cwbridge/test/harness/feed.js";
import { engineHandlers } from "../../packages/cwbridge/test/harness/handlers.js";
import { requestStats } from "../../packages/cwbridge/test/harness/oracles.js";
import { buildWorkload } from "../../packages/cwbridge/test/harness/workload.js";
import { createWorld } from "../../packages/cwbridge/test/harness/world.js";
import type { BenchRow, Scenario } from "../lib/types.js";

const DEVICES = 10_000;
const COMPANIES = 200;
const LATENCY_MS = 20;
const K = 4;
/** Jobs the worker runs at once: 2K, so that K requests stay in flight while jobs write to the store. */
const WORKER_JOBS = 2 * K;
/** Lookup reads before the creates: configuration types only (a sync never reads statuses). */
const C0 = 1;

export const scenario: Scenario = {
  name: "engine-device-sync",
  title: "Engine: cold sync of 10,000 devices over 200 companies, warm resync",
  async run(): Promise<BenchRow[]> {
    const emulatorSeed = demoSeed({ companies: 210 });
    const workload = buildWorkload({
      seed: 7,
      emulatorSeed,
      customers: COMPANIES,
      devices: DEVICES,
      cycles: 0,
    });
    const world = await createWorld({
      emulatorSeed,
      transport: "in-process",
      workload,
      faults: { latencyMs: LATENCY_MS },
    });
    const engine = await world.openEngine({
      handlers: engineHandlers(),
      client: { throttle: { ratePerSecond: 100_000, maxConcurrent: K } },
    });
    try {
      await pushDeviceSnapshot(engine.ctx, world.sourceId, workload.devices);
      const started = performance.now();
      await engine.start({ concurrency: WORKER_JOBS, pollMs: 10 });
      await engine.ctx.queue.drain({ timeoutMs: 60 * 60_000, pollMs: 50 });
      const coldMs = performance.now() - started;
      const cold = requestStats(world.emulator.ledger.requests(), world.member);
      world.emulator.ledger.clear();
      const warmStart = performance.now();
      await pushDeviceSnapshot(engine.ctx, world.sourceId, workload.devices);
      await runSync(engine.ctx, { sourceId: world.sourceId });
      await engine.ctx.queue.drain({ timeoutMs: 10 * 60_000, pollMs: 50 });
      const warmMs = performance.now() - warmStart;
      const warm = requestStats(world.emulator.ledger.requests(), world.member);
      // One (empty) read of existing configurations + the type lookup + one create per device.
      const qMin = DEVICES + 1 + C0;
      const tMinMs = (qMin * LATENCY_MS) / K;
      const settings = `N=${DEVICES}, C=${COMPANIES}, M=0, L=${LATENCY_MS} ms, R=∞, K=${K} requests in flight (client throttle), worker ${WORKER_JOBS} jobs at once, SQLite, in-process emulator`;
      return [
        {
          metric: "cold sync requests",
          measured: String(cold.total),
          target: `≤ ${(1.01 * qMin).toFixed(0)} (1.01 × Q_min)`,
          ideal: `Q_min = ${qMin}`,
          ratio: (cold.total / qMin).toFixed(3),
          settings,
        },
        {
          metric: "cold sync wall time",
          measured: `${(coldMs / 1000).toFixed(1)} s`,
          target: `≤ ${((1.3 * tMinMs) / 1000).toFixed(1)} s (1.3 × T_min)`,
          ideal: `T_min = ${(tMinMs / 1000).toFixed(1)} s`,
          ratio: (coldMs / tMinMs).toFixed(2),
          settings,
        },
        {
          metric: "warm resync write requests",
          measured: String(warm.writes),
          target: "0",
          ideal: "0",
          ratio: "-",
          settings: `${settings}; same snapshot pushed again + runSync of every partition`,
        },
        {
          metric: "warm resync requests (all)",
          measured: String(warm.total),
          target: "-",
          ideal: "0",
          ratio: "-",
          settings: `wall ${(warmMs / 1000).toFixed(1)} s`,
        },
      ];
    } finally {
      await engine.close();
      await world.close();
    }
  },
};
