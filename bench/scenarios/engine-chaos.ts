/**
 * Engine: the chaos workload of `packages/cwbridge/test/chaos.test.ts` as figures — 2,000
 * devices over 200 companies + 300 alert open/resolve cycles under 5% 429 (Retry-After 1–3 s),
 * 2% 500 timeouts, 1% commit-then-timeout, 1% resets (reference §4.5 B7). Ideal amplification
 * E = (1 + p_t)/(1 − p) with p = 0.09, p_t = 0.01.
 */
import { CHAOS_PROFILE, runChaos } from "../../packages/cwbridge/test/harness/chaos-run.js";
import type { BenchRow, Scenario } from "../lib/types.js";

export const scenario: Scenario = {
  name: "engine-chaos",
  title: "Engine: chaos workload (2,000 devices + 300 alert cycles under faults)",
  async run(): Promise<BenchRow[]> {
    const r = await runChaos({ seed: 42, devices: 2_000, cycles: 300, faults: CHAOS_PROFILE });
    const amplification = r.stats.total / r.minimum;
    const e = 1.01 / 0.91;
    const broken = Object.values(r.violations).reduce((n, v) => n + v.length, 0);
    const settings = `seed 42, K=4, SQLite, in-process emulator, no latency; faults ${JSON.stringify(r.stats.faults)}`;
    return [
      {
        metric: "requests sent / minimum needed",
        measured: `${r.stats.total} / ${r.minimum}`,
        target: "≤ 1.3",
        ideal: `E = ${e.toFixed(3)}`,
        ratio: amplification.toFixed(3),
        settings,
      },
      {
        metric: "oracle violations (duplicates, lost, state)",
        measured: String(broken),
        target: "0",
        ideal: "0",
        ratio: "-",
        settings: `${r.ticketsCreated} tickets`,
      },
      {
        metric: "events log vs ledger",
        measured: `${r.agreement.byRequestId} by id + ${r.agreement.byOrder} by order, ${r.agreement.unlogged.length} unlogged, ${r.agreement.phantom.length} phantom`,
        target: "0 unlogged, 0 phantom",
        ratio: "-",
        settings: "",
      },
      {
        metric: "429s received inside a Retry-After window",
        measured: String(r.stats.withinRetryAfter),
        target: "-",
        ratio: "-",
        settings: "requests already in flight when another got its 429 (K=4)",
      },
      {
        metric: "wall time",
        measured: `${(r.wallMs / 1000).toFixed(0)} s`,
        target: "-",
        ratio: "-",
        settings: "dominated by server-ordered Retry-After waits (≈ requests × 5% × 2 s)",
      },
    ];
  },
};
