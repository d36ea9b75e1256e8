/**
 * Engine: a burst of 1,000 alerts → tickets, against the emulator at 20 ms per request and no
 * rate limit (reference §4.3 / B5a). The 1,000 fires are accepted (ingested, durable) while the
 * worker is stopped, then the worker starts: latency = engine start → ticket id stored, sampled
 * every 50 ms (polling the store). Formula: X = min(R, K/L) = K/L; p50 ≈ 0.5·B·q/X + L, p99 ≈ 0.99·B·q/X + L with q
 * the measured requests per ticket.
 */
import { demoSeed } from "@cwbridge/connectwise-emulator";
import { ingestAlert } from "../../packages/cwbridge/src/features/alerts/index.js";
import { engineHandlers } from "../../packages/cwbridge/test/harness/handlers.js";
import { requestStats } from "../../packages/cwbridge/test/harness/oracles.js";
import { buildWorkload } from "../../packages/cwbridge/test/harness/workload.js";
import { createWorld } from "../../packages/cwbridge/test/harness/world.js";
import { percentile } from "../lib/stats.js";
import type { BenchRow, Scenario } from "../lib/types.js";

const B = 1_000;
const LATENCY_MS = 20;
const K = 4;
/** Jobs the worker runs at once: 2K, so that K requests stay in flight while jobs write to the store. */
const WORKER_JOBS = 2 * K;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const scenario: Scenario = {
  name: "engine-alert-burst",
  title: "Engine: burst of 1,000 alerts → tickets (alert-to-ticket latency)",
  async run(): Promise<BenchRow[]> {
    const emulatorSeed = demoSeed({ companies: 210 });
    const workload = buildWorkload({
      seed: 11,
      emulatorSeed,
      customers: 200,
      devices: 400,
      cycles: B,
      racingRate: 0,
      redeliveryRate: 0,
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
      await engine.ctx.store.db.deleteFrom("jobs").execute(); // no device adoption in this run
      for (const cycle of workload.cycles)
        await ingestAlert(engine.ctx, world.sourceId, cycle.fire);
      const ready = new Map<string, number>();
      const started = performance.now();
      await engine.start({ concurrency: WORKER_JOBS, pollMs: 5 });
      while (ready.size < B && performance.now() - started < 30 * 60_000) {
        const rows = await engine.ctx.store.db
          .selectFrom("incidents")
          .select("key")
          .where("cw_ticket_id", "is not", null)
          .execute();
        const at = performance.now() - started;
        for (const { key } of rows) if (!ready.has(key)) ready.set(key, at);
        await sleep(50);
      }
      await engine.ctx.queue.drain({ timeoutMs: 10 * 60_000 });
      const latencies = [...ready.values()];
      const stats = requestStats(world.emulator.ledger.requests(), world.member);
      const q = stats.total / B;
      const x = K / (LATENCY_MS / 1000);
      const ideal50 = (0.5 * B * q) / x + LATENCY_MS / 1000;
      const ideal99 = (0.99 * B * q) / x + LATENCY_MS / 1000;
      const p50 = percentile(latencies, 50) / 1000;
      const p99 = percentile(latencies, 99) / 1000;
      const settings = `B=${B}, q=${q.toFixed(2)} (measured: ${stats.total} requests), L=${LATENCY_MS} ms, R=∞, K=${K} requests in flight (client throttle), worker ${WORKER_JOBS} jobs at once, X=K/L=${x}/s, SQLite, in-process emulator`;
      return [
        {
          metric: "p50 alert-to-ticket",
          measured: `${p50.toFixed(2)} s`,
          target: `≤ ${(1.2 * ideal50).toFixed(2)} s (1.2 × formula)`,
          ideal: `0.5·B·q/X + L = ${ideal50.toFixed(2)} s`,
          ratio: (p50 / ideal50).toFixed(2),
          settings,
        },
        {
          metric: "p99 alert-to-ticket",
          measured: `${p99.toFixed(2)} s`,
          target: `≤ ${(1.2 * ideal99).toFixed(2)} s (1.2 × formula)`,
          ideal: `0.99·B·q/X + L = ${ideal99.toFixed(2)} s`,
          ratio: (p99 / ideal99).toFixed(2),
          settings,
        },
        {
          metric: "tickets created",
          measured: String(ready.size),
          target: String(B),
          ideal: String(B),
          ratio: (ready.size / B).toFixed(3),
          settings: "latency measured from worker start (all 1,000 accepted before it)",
        },
      ];
    } finally {
      await engine.close();
      await world.close();
    }
  },
};
