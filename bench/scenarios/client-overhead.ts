/**
 * Client overhead per request: `cw.companies.get(250)` through the full client (throttle with
 * a non-binding rate, retry, hooks, typed errors, JSON) against a bare `fetch` of the same URL
 * with the same headers, on the same emulator; calls alternate so machine load hits both
 * alike. Target: client/bare − 1 ≤ 10 %.
 */
import { createEmulator, type Emulator } from "@cwbridge/connectwise-emulator";
import {
  buildApiUrl,
  buildHeaders,
  createConnectWise,
  DEFAULT_API_VERSION,
  VERSION,
} from "@cwbridge/connectwise";
import { fmt, median } from "../lib/stats.js";
import type { BenchRow, Scenario } from "../lib/types.js";

const N = 3_000;
const WARMUP = 300;
const TARGET = 0.1;

async function measure(
  emulator: Emulator,
  origin: string,
  fetchFn: typeof fetch,
  label: string,
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
  const clientTimes: number[] = [];
  const bareTimes: number[] = [];
  for (let i = 0; i < WARMUP + N; i += 1) {
    for (const [fn, times] of i % 2 === 0
      ? ([
          [client, clientTimes],
          [bare, bareTimes],
        ] as const)
      : ([
          [bare, bareTimes],
          [client, clientTimes],
        ] as const)) {
      const started = performance.now();
      await fn();
      if (i >= WARMUP) times.push(performance.now() - started);
    }
  }
  const c = median(clientTimes);
  const b = median(bareTimes);
  const overhead = c / b - 1;
  return {
    metric: `${label}: client vs bare fetch, median per request`,
    measured: `client ${fmt(c * 1000)} µs vs bare ${fmt(b * 1000)} µs → overhead ${fmt(overhead * 100, 1)} % (+${fmt((c - b) * 1000)} µs)`,
    target: `≤ ${TARGET * 100} %`,
    ideal: `${fmt(b * 1000)} µs (bare fetch)`,
    ratio: fmt(overhead / TARGET, 2),
    settings: `N=${N} each after ${WARMUP} warm-up, sequential, alternating client/bare; client = createConnectWise (throttle rate 1e6/s, retry on, fixed codebase), bare = fetch + json with the client's headers`,
  };
}

export const scenario: Scenario = {
  name: "client-overhead",
  title: "Client overhead per request vs a bare fetch",
  async run() {
    const emulator = createEmulator({ seed: "demo", ledgerLimit: 10_000 });
    const rows = [await measure(emulator, emulator.credentials.url, emulator.fetch, "in-process")];
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
