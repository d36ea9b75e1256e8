/**
 * Client overhead per request: `cw.companies.get(250)` through the full client (throttle with
 * a non-binding rate, retry, hooks, typed errors, JSON) against a bare `fetch` of the same URL
 * with the same headers, on the same emulator; blocks of calls alternate so machine load hits
 * both alike. Target: client/bare − 1 ≤ 10 % of CPU time per request (wall time is reported
 * too, but on a loaded machine it mostly measures waiting for a core).
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

const BLOCKS = 24;
const BLOCK = 100;
const WARMUP = 300;
const TARGET = 0.1;

async function measure(
  emulator: Emulator,
  origin: string,
  fetchFn: typeof fetch,
  label: string,
  basis: "cpu" | "wall" = "cpu",
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
    settings: `${BLOCKS} blocks of ${BLOCK} sequential calls each (N=${BLOCKS * BLOCK}), client and bare blocks alternating, medians over blocks, after ${WARMUP} warm-up pairs; CPU = process.cpuUsage per block (emulator work included for both); client = createConnectWise (throttle rate 1e6/s, retry on, fixed codebase), bare = fetch + json with the client's headers`,
  };
}

export const scenario: Scenario = {
  name: "client-overhead",
  title: "Client overhead per request vs a bare fetch",
  async run() {
    const emulator = createEmulator({ seed: "demo", ledgerLimit: 10_000 });
    const rows = [await measure(emulator, emulator.credentials.url, emulator.fetch, "in-process")];
    // Context: the same comparison when the server takes 2 ms (a fast LAN; ConnectWise cloud
    // round trips are 50–300 ms), where a fixed per-request cost is a small fraction.
    emulator.setFaults({ latencyMs: 2 });
    rows.push(
      await measure(
        emulator,
        emulator.credentials.url,
        emulator.fetch,
        "in-process, server latency 2 ms",
        "wall",
      ),
    );
    emulator.setFaults({});
    const server = await emulator.listen({ port: 0 });
    try {
      rows.push(await measure(emulator, server.url, fetch, "loopback"));
    } finally {
      await server.close();
      await emulator.close();
    }
    return rows;
  },
};
