/**
 * Client overhead per request: `cw.companies.get(250)` through the full client (throttle with
 * a non-binding rate, retry, hooks, typed errors, JSON) against a bare `fetch` of the same URL
 * with the same headers, on the same emulator; blocks of calls alternate so machine load hits
 * both alike.
 *
 * The target (client/bare − 1 ≤ 10 %) is judged on the loopback row: a real socket and the
 * global `fetch`, which is what users run. The bare side is what a careful hand-written
 * integration does on that route: same URL, same headers (built once), `redirect: "manual"`,
 * a status check and `res.json()`; it arms no timeout, while the client arms its per-request
 * timeout (an AbortSignal that `fetch` has to follow), so that cost is counted as overhead.
 * The in-process rows are context: there the server costs almost nothing per request, so the
 * client's fixed cost is a large percentage of a small number.
 */
import { createEmulator, type Emulator } from "@cwbridge/connectwise-emulator";
import {
  buildApiUrl,
  buildHeaders,
  createConnectWise,
  DEFAULT_API_VERSION,
  VERSION,
} from "@cwbridge/connectwise";
import { timeBatch, type BatchTime } from "../lib/cpu.js";
import { fmt, median } from "../lib/stats.js";
import type { BenchRow, Scenario } from "../lib/types.js";

const BLOCKS = 40;
const BLOCK = 100;
const WARMUP = 300;
const TARGET = 0.1;

async function measure(
  emulator: Emulator,
  origin: string,
  fetchFn: typeof fetch,
  label: string,
  basis: "cpu" | "wall" = "cpu",
  note = "",
): Promise<BenchRow> {
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
    throttle: { ratePerSecond: 1_000_000, maxConcurrent: 4 },
  });
  const url = buildApiUrl({ origin, codebase, path: "/company/companies/250" });
  const headers = buildHeaders({
    credentials: { companyId, publicKey, privateKey, clientId },
    apiVersion: DEFAULT_API_VERSION,
    userAgent: `cwbridge-connectwise/${VERSION}`,
    hasBody: false,
  });
  const bare = async (): Promise<unknown> => {
    const response = await fetchFn(url, { headers, redirect: "manual" });
    if (!response.ok) throw new Error(`bare GET → ${response.status}`);
    return response.json();
  };
  const client = (): Promise<unknown> => cw.companies.get(250);
  for (let i = 0; i < WARMUP; i += 1) await Promise.all([client(), bare()]);
  const clientTimes: BatchTime[] = [];
  const bareTimes: BatchTime[] = [];
  for (let block = 0; block < BLOCKS; block += 1) {
    const order = block % 2 === 0 ? ([client, bare] as const) : ([bare, client] as const);
    for (const fn of order) {
      (fn === client ? clientTimes : bareTimes).push(await timeBatch(BLOCK, fn));
    }
  }
  const wall = {
    c: median(clientTimes.map((t) => t.wallMs)),
    b: median(bareTimes.map((t) => t.wallMs)),
  };
  const cpu = {
    c: median(clientTimes.map((t) => t.cpuMs)),
    b: median(bareTimes.map((t) => t.cpuMs)),
  };
  const us = (ms: number): string => `${fmt(ms * 1000)} µs`;
  const pct = (x: { c: number; b: number }): string => `${fmt((x.c / x.b - 1) * 100, 1)} %`;
  const judged = basis === "cpu" ? cpu : wall;
  return {
    metric: `${label}: client vs bare fetch, per request`,
    measured: `CPU: client ${us(cpu.c)} vs bare ${us(cpu.b)} → overhead ${pct(cpu)} (+${us(cpu.c - cpu.b)}); wall: ${us(wall.c)} vs ${us(wall.b)} → ${pct(wall)}`,
    target: `≤ ${TARGET * 100} %`,
    ideal: `${us(judged.b)} ${basis === "cpu" ? "CPU" : "wall"} (bare fetch)`,
    ratio: `${fmt((judged.c / judged.b - 1) / TARGET, 2)} (${basis})`,
    settings: `${BLOCKS} blocks of ${BLOCK} sequential calls each (N=${BLOCKS * BLOCK}), client and bare blocks alternating, medians over blocks, after ${WARMUP} warm-up pairs; CPU = process.cpuUsage per block (whole process: server and GC threads included, for both); client = createConnectWise (throttle rate 1e6/s, retry on, fixed codebase, 60 s timeout armed per request), bare = fetch + status check + json with the client's URL and headers, no timeout${note ? `; ${note}` : ""}`,
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
      try {
        rows.push(
          await measure(
            emulator,
            server.url,
            fetch,
            "loopback (primary: judged against the target)",
            "cpu",
            "listen 127.0.0.1:0 + global fetch (undici keep-alive), same process",
          ),
        );
      } finally {
        await server.close();
      }
      rows.push(
        await measure(
          emulator,
          inProcess,
          emulator.fetch,
          "in-process (context)",
          "cpu",
          "emulator.fetch, no socket: the server's own cost per request is tiny, so the ratio mostly shows the client's fixed cost (the timeout signal also makes emulator.fetch take its abort-following path, counted on the client side); not the target measure",
        ),
      );
      // The same comparison when the server takes 2 ms (a fast LAN; ConnectWise cloud round
      // trips are 50–300 ms), where a fixed per-request cost is a small fraction of the wait.
      emulator.setFaults({ latencyMs: 2 });
      rows.push(
        await measure(
          emulator,
          inProcess,
          emulator.fetch,
          "in-process, server latency 2 ms (context)",
          "wall",
          "judged on wall time; CPU per request includes the idle/wake-up cost of the 2 ms wait",
        ),
      );
      emulator.setFaults({});
    } finally {
      await emulator.close();
    }
    return rows;
  },
};
