/**
 * Emulator GET throughput (req/s): in-process (`emulator.fetch`) sequential and with 16
 * concurrent callers, and over loopback (listen on port 0, Node's global fetch with
 * keep-alive, 16 concurrent callers).
 */
import { createEmulator, type Emulator } from "@cwbridge/connectwise-emulator";
import { apiUrl, authHeaders, getOk } from "../lib/emulator-http.js";
import { fmt, runConcurrent } from "../lib/stats.js";
import type { BenchRow, Scenario } from "../lib/types.js";

const N = 5_000;
const WARMUP = 300;
const CONCURRENCY = 16;

async function throughput(
  emulator: Emulator,
  fetchFn: typeof fetch,
  origin: string,
  path: string,
  concurrency: number,
): Promise<number> {
  const url = apiUrl(emulator, origin, path);
  const headers = authHeaders(emulator);
  await runConcurrent(WARMUP, concurrency, () => getOk(fetchFn, url, headers));
  const ms = await runConcurrent(N, concurrency, () => getOk(fetchFn, url, headers));
  return (N * 1000) / ms;
}

function row(metric: string, rps: number, settings: string): BenchRow {
  return { metric, measured: `${fmt(rps)} req/s`, settings };
}

export const scenario: Scenario = {
  name: "emulator-throughput",
  title: "Emulator GET throughput",
  async run() {
    const emulator = createEmulator({ seed: "demo", ledgerLimit: 10_000 });
    const one = "/company/companies/250";
    const list = "/company/companies?pageSize=25";
    const inProcess = emulator.credentials.url;
    const rows = [
      row(
        "in-process, GET /company/companies/250, sequential",
        await throughput(emulator, emulator.fetch, inProcess, one, 1),
        `N=${N} after ${WARMUP} warm-up, concurrency 1, emulator.fetch`,
      ),
      row(
        "in-process, GET /company/companies/250, concurrent",
        await throughput(emulator, emulator.fetch, inProcess, one, CONCURRENCY),
        `N=${N}, concurrency ${CONCURRENCY}, emulator.fetch`,
      ),
      row(
        "in-process, GET /company/companies?pageSize=25 (25 rows)",
        await throughput(emulator, emulator.fetch, inProcess, list, CONCURRENCY),
        `N=${N}, concurrency ${CONCURRENCY}, emulator.fetch`,
      ),
    ];
    const server = await emulator.listen({ port: 0 });
    try {
      rows.push(
        row(
          "loopback, GET /company/companies/250",
          await throughput(emulator, fetch, server.url, one, CONCURRENCY),
          `N=${N}, concurrency ${CONCURRENCY}, listen 127.0.0.1:0 + global fetch (undici keep-alive), same process`,
        ),
        row(
          "loopback, GET /company/companies?pageSize=25 (25 rows)",
          await throughput(emulator, fetch, server.url, list, CONCURRENCY),
          `N=${N}, concurrency ${CONCURRENCY}, listen 127.0.0.1:0 + global fetch, same process`,
        ),
      );
    } finally {
      await server.close();
      await emulator.close();
    }
    return rows;
  },
};
