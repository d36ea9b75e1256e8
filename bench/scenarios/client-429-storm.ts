/**
 * Client under a 429 storm: 1,000 `cw.companies.get` calls, all issued at once, against the
 * emulator enforcing a server-side rate R (token bucket, burst R) with 5-second Retry-After
 * windows (every request inside a window is a 429 too). The client's configured rate is 2 × R
 * (the judged row), 1.5 × R and = R (context rows). Ideal time = 1,000 / R (X = min(R, K/L) = R here,
 * reference §4.3); the target is ≤ 1.2 × ideal with 0 failed calls (issue #8).
 *
 * The rows run at the same time, each on its own emulator and client: all are bound by the
 * server's rate and Retry-After waits, not by CPU (≈ 60 requests/s in total, in-process).
 */
import { createEmulator } from "@cwbridge/connectwise-emulator";
import { createConnectWise } from "@cwbridge/connectwise";
import { fmt } from "../lib/stats.js";
import type { BenchRow, Scenario } from "../lib/types.js";

const CALLS = 1_000;
/** Server-side sustained rate (req/s) and bucket size. */
const SERVER_RPS = 20;
const RETRY_AFTER_S = 5;
const LATENCY_MS = 100;
const K = 4;
const TARGET = 1.2;

interface Run {
  readonly clientRate: number;
  readonly ms: number;
  readonly tooMany: number;
  readonly insideWindow: number;
  readonly failed: number;
  readonly requests: number;
  readonly finalRate: number | undefined;
}

async function storm(clientRate: number): Promise<Run> {
  const emulator = createEmulator({
    seed: "demo",
    callbackFetch: async () => new Response(null),
  });
  const { url, companyId, publicKey, privateKey, clientId } = emulator.credentials;
  const cw = createConnectWise({
    site: url,
    allowInsecure: true,
    companyId,
    publicKey,
    privateKey,
    clientId,
    fetch: emulator.fetch,
    log: { warn: () => {}, error: () => {} },
    throttle: { maxConcurrent: K, ratePerSecond: clientRate },
  });
  await cw.codebase();
  const ids = emulator.table("companies").map((c) => c.id);
  emulator.setFaults({
    latencyMs: LATENCY_MS,
    rateLimit: { rps: SERVER_RPS, burst: SERVER_RPS, retryAfterSeconds: RETRY_AFTER_S },
  });
  emulator.ledger.clear();
  const started = performance.now();
  const results = await Promise.allSettled(
    Array.from({ length: CALLS }, (_, i) => cw.companies.get(ids[i % ids.length]!)),
  );
  const ms = performance.now() - started;
  const requests = emulator.ledger.requests().filter((entry) => !entry.path.startsWith("/login/"));
  return {
    clientRate,
    ms,
    tooMany: requests.filter((r) => r.status === 429).length,
    insideWindow: requests.filter((r) => r.withinRetryAfter).length,
    failed: results.filter((r) => r.status === "rejected").length,
    requests: requests.length,
    finalRate: cw.throttleStatus?.().ratePerSecond,
  };
}

function row(run: Run, label: string, judged: boolean): BenchRow {
  const idealMs = (CALLS / SERVER_RPS) * 1000;
  const ratio = run.ms / idealMs;
  const finalRate =
    run.finalRate === undefined ? "" : `, final client rate ${fmt(run.finalRate, 1)}/s`;
  return {
    metric: `${label}: wall time of ${fmt(CALLS)} calls`,
    measured: `${fmt(run.ms / 1000, 1)} s; ${run.tooMany} × 429 (${run.insideWindow} inside a Retry-After window), ${run.failed} failed calls, ${fmt(run.requests)} requests${finalRate}`,
    target: judged ? `≤ ${fmt(TARGET, 1)} × ideal, 0 failed` : "-",
    ideal: `${CALLS} / R = ${fmt(idealMs / 1000, 1)} s`,
    ratio: ratio.toFixed(2),
    settings: `server R=${SERVER_RPS}/s burst ${SERVER_RPS}, Retry-After ${RETRY_AFTER_S} s (server-side window), L=${LATENCY_MS} ms; client ratePerSecond=${run.clientRate} (burst default), maxConcurrent=${K}, retry defaults; all ${fmt(CALLS)} calls issued at once; in-process emulator; the rows run at the same time on separate emulators`,
  };
}

export const scenario: Scenario = {
  name: "client-429-storm",
  title: "Client: 1,000 calls under a server rate limit with 5 s Retry-After windows",
  async run(): Promise<BenchRow[]> {
    const [double, half, at] = await Promise.all([
      storm(2 * SERVER_RPS),
      storm(1.5 * SERVER_RPS),
      storm(SERVER_RPS),
    ]);
    return [
      row(double, "client rate 2 × R", true),
      row(half, "client rate 1.5 × R", false),
      row(at, "client rate = R", false),
    ];
  },
};
