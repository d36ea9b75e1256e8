/**
 * Engine: the cold sync at scale (issue #8): 1k, 10k, 50k and 100k devices over 200 and 2,000
 * companies, each against a fresh emulator at 20 ms per request, no rate limit, K = 4 requests in
 * flight; and the warm resync of 50,000 unchanged devices (0 requests, CPU per device).
 *
 * Ideal per run (reference §4.3 / B1): Q_min = W (one create per device) + ⌈M/P⌉ (= 1, the one
 * empty read of existing configurations: M = 0) + c₀ (= 1, configuration types; a sync never reads
 * statuses); T_min = Q_min × L ÷ K. Targets: requests ≤ 1.01 × Q_min, time ≤ 1.05 × T_min.
 *
 * The full matrix takes about 30 minutes; `BENCH_SYNC_SCALE=1000x200,10000x2000` runs a subset
 * (N×C pairs, comma-separated).
 */
import { loadavg } from "node:os";
import { demoSeed } from "@cwbridge/connectwise-emulator";
import { runSync } from "../../packages/cwbridge/src/features/devices/index.js";
import { pushDeviceSnapshot } from "../../packages/cwbridge/test/harness/feed.js";
import { engineHandlers } from "../../packages/cwbridge/test/harness/handlers.js";
import { requestStats } from "../../packages/cwbridge/test/harness/oracles.js";
import { buildWorkload } from "../../packages/cwbridge/test/harness/workload.js";
import { createWorld } from "../../packages/cwbridge/test/harness/world.js";
import type { BenchRow, Scenario } from "../lib/types.js";

const LATENCY_MS = 20;
const K = 4;
/** Jobs the worker runs at once: 2K, so that K requests stay in flight while jobs write to the store. */
const WORKER_JOBS = 2 * K;
/** Lookup reads before the creates: configuration types only. */
const C0 = 1;
/** The size whose warm resync is measured. */
const WARM = { devices: 50_000, companies: 200 };

interface Size {
  readonly devices: number;
  readonly companies: number;
}

const MATRIX: readonly Size[] = [1_000, 10_000, 50_000, 100_000].flatMap((devices) =>
  [200, 2_000].map((companies) => ({ devices, companies })),
);

/** The sizes to run: `BENCH_SYNC_SCALE` (e.g. `1000x200,50000x2000`), else the whole matrix. */
function sizes(): readonly Size[] {
  const wanted = process.env["BENCH_SYNC_SCALE"];
  if (wanted === undefined || wanted.trim() === "") return MATRIX;
  return wanted.split(",").map((pair) => {
    const [n, c] = pair.trim().split("x").map(Number);
    if (!Number.isInteger(n) || !Number.isInteger(c) || (n ?? 0) < 1 || (c ?? 0) < 1) {
      throw new RangeError(`BENCH_SYNC_SCALE: "${pair}" is not N×C (e.g. 1000x200)`);
    }
    return { devices: n as number, companies: c as number };
  });
}

function loadAverage(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function runSize(size: Size): Promise<BenchRow[]> {
  const emulatorSeed = demoSeed({ companies: size.companies + 10 });
  const workload = buildWorkload({
    seed: 7,
    emulatorSeed,
    customers: size.companies,
    devices: size.devices,
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
  const settings = `N=${size.devices}, C=${size.companies}, M=0, L=${LATENCY_MS} ms, R=∞, K=${K} (client throttle), worker ${WORKER_JOBS} jobs at once, SQLite, in-process emulator`;
  try {
    await pushDeviceSnapshot(engine.ctx, world.sourceId, workload.devices);
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    await engine.start({ concurrency: WORKER_JOBS, pollMs: 10 });
    await engine.ctx.queue.drain({ timeoutMs: 3 * 60 * 60_000, pollMs: 50 });
    const coldMs = performance.now() - started;
    const coldCpu = process.cpuUsage(cpuStarted);
    const load = loadAverage();
    const cold = requestStats(world.emulator.ledger.requests(), world.member);
    const qMin = size.devices + 1 + C0;
    const tMinMs = (qMin * LATENCY_MS) / K;
    const rows: BenchRow[] = [
      {
        metric: `cold sync requests, ${size.devices} × ${size.companies}`,
        measured: String(cold.total),
        target: `≤ ${Math.floor(1.01 * qMin)} (1.01 × Q_min)`,
        ideal: `Q_min = ${qMin}`,
        ratio: (cold.total / qMin).toFixed(3),
        settings,
      },
      {
        metric: `cold sync time, ${size.devices} × ${size.companies}`,
        measured: seconds(coldMs),
        target: `≤ ${seconds(1.05 * tMinMs)} (1.05 × T_min)`,
        ideal: `T_min = ${seconds(tMinMs)}`,
        ratio: (coldMs / tMinMs).toFixed(3),
        settings: `${settings}; load average ${load} at the end`,
      },
      {
        metric: `cold sync CPU per request, ${size.devices} × ${size.companies}`,
        measured: `${((coldCpu.user + coldCpu.system) / 1000 / cold.total).toFixed(2)} ms`,
        target: "-",
        ideal: "-",
        ratio: "-",
        settings: "process CPU (user + system: engine, client and in-process emulator) ÷ requests",
      },
    ];
    if (size.devices === WARM.devices && size.companies === WARM.companies) {
      rows.push(...(await warmResync(engine.ctx, world, workload.devices, settings)));
    }
    return rows;
  } finally {
    await engine.close();
    await world.close();
  }
}

async function warmResync(
  ctx: Parameters<typeof runSync>[0],
  world: Awaited<ReturnType<typeof createWorld>>,
  devices: Parameters<typeof pushDeviceSnapshot>[2],
  settings: string,
): Promise<BenchRow[]> {
  world.emulator.ledger.clear();
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  await pushDeviceSnapshot(ctx, world.sourceId, devices);
  await runSync(ctx, { sourceId: world.sourceId });
  await ctx.queue.drain({ timeoutMs: 30 * 60_000, pollMs: 50 });
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;
  const warm = requestStats(world.emulator.ledger.requests(), world.member);
  const cpuMsPerDevice = (cpu.user + cpu.system) / 1000 / devices.length;
  return [
    {
      metric: `warm resync requests, ${devices.length} unchanged`,
      measured: String(warm.total),
      target: "0",
      ideal: "0",
      ratio: "-",
      settings: `${settings}; the same snapshot pushed again + runSync of every partition`,
    },
    {
      metric: `warm resync CPU per device, ${devices.length} unchanged`,
      measured: `${cpuMsPerDevice.toFixed(4)} ms`,
      target: "≤ 0.0500 ms",
      ideal: "-",
      ratio: (cpuMsPerDevice / 0.05).toFixed(2),
      settings: `process CPU (user + system) of push + sync + drain, wall ${seconds(wallMs)}`,
    },
  ];
}

export const scenario: Scenario = {
  name: "engine-sync-scale",
  title: "Engine: cold sync at 1k–100k devices × 200 / 2,000 companies, warm resync of 50,000",
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    for (const size of sizes()) {
      console.log(`  ${size.devices} × ${size.companies} …`);
      rows.push(...(await runSize(size)));
    }
    return rows;
  },
};
