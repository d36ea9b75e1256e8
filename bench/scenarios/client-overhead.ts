/**
 * Client overhead per request: `cw.companies.get(250)` through the full client (throttle with
 * a non-binding rate, retry, hooks, typed errors, JSON) against a bare `fetch` of the same URL
 * with the same headers, on the same emulator.
 *
 * The target (client/bare − 1 ≤ 10 %) is judged on the loopback row: a real socket and the
 * global `fetch`, which is what users run. The bare side is what a careful hand-written
 * integration does on that route: same URL, same headers (built once), `redirect: "manual"`,
 * a status check and `res.json()`; it arms no timeout, while the client arms its per-request
 * timeout (an AbortSignal that `fetch` has to follow), so that cost is counted as overhead. A
 * separate run adds a third variant, the bare `fetch` with the same timeout armed, to show
 * how much of the overhead is that signal.
 *
 * How it is measured: the variants alternate call by call (the order flips every pair), each
 * call timed on its own, so drift and machine load hit both alike; a round's figure compares
 * the medians of its per-call times, and several rounds show the spread. Wall time, not CPU
 * time: this machine's kernel counts CPU in 4 ms ticks, too coarse for calls of ~0.3 ms, and
 * on loopback the single thread that runs both client and server is busy for the whole call,
 * so the call's wall time is its CPU time on that thread.
 */
import { createEmulator, type Emulator } from "@cwbridge/connectwise-emulator";
import { createConnectWise, DEFAULT_API_VERSION, VERSION } from "@cwbridge/connectwise";
import { buildApiUrl, buildHeaders } from "@cwbridge/connectwise/internals";
import { fmt, median } from "../lib/stats.js";
import type { BenchRow, Scenario } from "../lib/types.js";

const TARGET = 0.1;
const TIMEOUT_MS = 60_000;

/** How long a comparison runs. */
interface Plan {
  readonly rounds: number;
  /** Calls of each variant per round. */
  readonly calls: number;
  /** Calls of each variant before the first round. */
  readonly warmup: number;
}

const JUDGED: Plan = { rounds: 5, calls: 4_000, warmup: 2_000 };
const CONTEXT: Plan = { rounds: 3, calls: 2_000, warmup: 1_000 };
const SLOW: Plan = { rounds: 3, calls: 400, warmup: 100 };

type Call = () => Promise<unknown>;

/** The median of a round's per-call wall times (ms), and the mean of the fastest 95 %. */
interface Center {
  readonly median: number;
  readonly trimmed: number;
}

/** One round: the center of each variant's per-call times, by variant. */
type Round = readonly Center[];

async function runRounds(calls: readonly Call[], plan: Plan): Promise<Round[]> {
  for (let i = 0; i < plan.warmup; i += 1) for (const call of calls) await call();
  const reversed = [...calls.keys()].reverse();
  const forward = [...calls.keys()];
  const rounds: Round[] = [];
  for (let round = 0; round < plan.rounds; round += 1) {
    const times: number[][] = calls.map(() => []);
    for (let i = 0; i < plan.calls; i += 1) {
      for (const index of i % 2 === 0 ? forward : reversed) {
        const started = performance.now();
        await calls[index]?.();
        times[index]?.push(performance.now() - started);
      }
    }
    rounds.push(times.map(center));
  }
  return rounds;
}

/** The median of the per-call times, and the mean of the fastest 95 % (drops GC pauses). */
function center(times: readonly number[]): Center {
  const sorted = [...times].sort((a, b) => a - b);
  const kept = sorted.slice(0, Math.max(1, Math.floor(sorted.length * 0.95)));
  return { median: median(sorted), trimmed: kept.reduce((sum, x) => sum + x, 0) / kept.length };
}

function overheads(rounds: readonly Round[], over: number, base: number, by: keyof Center) {
  return rounds.map((round) => (round[over]?.[by] ?? NaN) / (round[base]?.[by] ?? NaN) - 1);
}

const signed = (x: number): string => `${x >= 0 ? "+" : ""}${fmt(x * 100, 1)}`;
const us = (ms: number): string => `${fmt(ms * 1000)} µs`;

/** `+6.1 % (rounds +5.2, +6.1, …)`: the median over rounds, then each round. */
function spread(each: readonly number[]): string {
  return `${signed(median(each))} % (rounds ${each.map(signed).join(", ")})`;
}

function medianTime(rounds: readonly Round[], variant: number): number {
  return median(rounds.map((round) => round[variant]?.median ?? NaN));
}

/** The client, a bare fetch and a bare fetch with the client's timeout armed, on one route. */
function variantsOf(
  emulator: Emulator,
  origin: string,
  fetchFn: typeof fetch,
): { client: Call; bare: Call; timed: Call } {
  const { companyId, publicKey, privateKey, clientId, codebase } = emulator.credentials;
  const cw = createConnectWise({
    site: origin,
    allowInsecure: true,
    companyId,
    publicKey,
    privateKey,
    clientId,
    codebase,
    fetch: fetchFn,
    timeoutMs: TIMEOUT_MS,
    throttle: { ratePerSecond: 1_000_000, maxConcurrent: 4 },
  });
  const url = buildApiUrl({ origin, codebase, path: "/company/companies/250" });
  const headers = buildHeaders({
    credentials: { companyId, publicKey, privateKey, clientId },
    apiVersion: DEFAULT_API_VERSION,
    userAgent: `cwbridge-connectwise/${VERSION}`,
    hasBody: false,
  });
  const bare = async (signal?: AbortSignal): Promise<unknown> => {
    const response = await fetchFn(url, { headers, redirect: "manual", signal: signal ?? null });
    if (!response.ok) throw new Error(`bare GET → ${response.status}`);
    return response.json();
  };
  const timed = async (): Promise<unknown> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      return await bare(controller.signal);
    } finally {
      clearTimeout(timer);
    }
  };
  return { client: () => cw.companies.get(250), bare: () => bare(), timed };
}

const CLIENT_SETTINGS = `client = createConnectWise (throttle rate 1e6/s, retry on, fixed codebase, ${TIMEOUT_MS / 1000} s timeout armed per request); bare = fetch + status check + json with the client's URL and headers, no timeout`;

function settingsOf(plan: Plan, variants: string, where: string): string {
  return `${plan.rounds} rounds × ${fmt(plan.calls)} calls of each of ${variants}, alternating call by call (order flipped every pair), each call timed, after ${fmt(plan.warmup)} warm-up calls of each; a round compares medians of its per-call wall times (the 95 %-trimmed mean as a check); ${CLIENT_SETTINGS}; ${where}`;
}

/** Client vs bare fetch: one row, judged on the median over rounds. */
async function comparisonRow(
  label: string,
  variants: { client: Call; bare: Call },
  plan: Plan,
  where: string,
): Promise<BenchRow> {
  const rounds = await runRounds([variants.client, variants.bare], plan);
  const byMedian = overheads(rounds, 0, 1, "median");
  const judged = median(byMedian);
  return {
    metric: `${label}: client vs bare fetch, wall time per request`,
    measured: `${spread(byMedian)}: client ${us(medianTime(rounds, 0))} vs bare ${us(medianTime(rounds, 1))} (95 %-trimmed means: ${spread(overheads(rounds, 0, 1, "trimmed"))})`,
    target: `≤ ${TARGET * 100} %`,
    ideal: `${us(medianTime(rounds, 1))} (bare fetch)`,
    ratio: fmt(judged / TARGET, 2),
    settings: settingsOf(plan, "client and bare", where),
  };
}

/** Bare vs bare + timeout vs client: how much of the overhead is the timeout signal. */
async function decompositionRow(
  label: string,
  variants: { client: Call; bare: Call; timed: Call },
  plan: Plan,
  where: string,
): Promise<BenchRow> {
  const rounds = await runRounds([variants.client, variants.bare, variants.timed], plan);
  return {
    metric: `${label}, decomposed: the timeout signal, and the client beyond it`,
    measured: `bare fetch with the same ${TIMEOUT_MS / 1000} s timeout armed vs bare: ${spread(overheads(rounds, 2, 1, "median"))}; client vs that timed bare fetch: ${spread(overheads(rounds, 0, 2, "median"))}; client vs bare in this run: ${spread(overheads(rounds, 0, 1, "median"))}`,
    settings: `${settingsOf(plan, "client, bare and timed", where)}; timed = AbortController + setTimeout(abort, ${TIMEOUT_MS / 1000} s) passed as fetch's signal, cleared after the body is read (what the client arms); a separate run after the judged one (three variants sharing fetch's code paths make each a little slower than two do)`,
  };
}

export const scenario: Scenario = {
  name: "client-overhead",
  title: "Client overhead per request vs a bare fetch",
  async run() {
    const emulator = createEmulator({ seed: "demo", ledgerLimit: 10_000 });
    const rows: BenchRow[] = [];
    const inProcess = emulator.credentials.url; // before listen(), which changes it
    try {
      const server = await emulator.listen({ port: 0 });
      const loopback = "listen 127.0.0.1:0 + global fetch (undici keep-alive), same process";
      try {
        rows.push(
          await comparisonRow(
            "loopback (primary: judged against the target)",
            variantsOf(emulator, server.url, fetch),
            JUDGED,
            loopback,
          ),
        );
        rows.push(
          await decompositionRow(
            "loopback",
            variantsOf(emulator, server.url, fetch),
            CONTEXT,
            loopback,
          ),
        );
      } finally {
        await server.close();
      }
      rows.push(
        await comparisonRow(
          "in-process (context)",
          variantsOf(emulator, inProcess, emulator.fetch),
          CONTEXT,
          "emulator.fetch, no socket: the server's own cost per request is tiny, so the ratio mostly shows the client's fixed cost (a timeout signal also makes emulator.fetch take its abort-following path); not the target measure",
        ),
      );
      // The same comparison when the server takes 2 ms (a fast LAN; ConnectWise cloud round
      // trips are 50–300 ms), where a fixed per-request cost is a small fraction of the wait.
      emulator.setFaults({ latencyMs: 2 });
      rows.push(
        await comparisonRow(
          "in-process, server latency 2 ms (context)",
          variantsOf(emulator, inProcess, emulator.fetch),
          SLOW,
          "emulator.fetch with 2 ms latency",
        ),
      );
      emulator.setFaults({});
    } finally {
      await emulator.close();
    }
    return rows;
  },
};
