/**
 * Time of one 1,000-row page filtered by a condition over 100,000 configurations
 * (in-process, request to parsed JSON). Target: median ≤ 50 ms.
 */
import { createEmulator, demoSeed } from "@cwbridge/connectwise-emulator";
import { apiUrl, authHeaders } from "../lib/emulator-http.js";
import { timeBatch } from "../lib/cpu.js";
import { fmt, median, percentile, timeEach } from "../lib/stats.js";
import type { BenchRow, Scenario } from "../lib/types.js";

const CONFIGURATIONS = 100_000;
const N = 40;
const WARMUP = 5;
const TARGET_MS = 50;

const CONDITIONS = [
  'type/id = 1 and name like "*WS*"',
  "company/id = 250",
  "lastUpdated > [2020-01-01T00:00:00Z] and activeFlag = true",
];

export const scenario: Scenario = {
  name: "emulator-list-filter",
  title: "Emulator: 1,000-row filtered page over 100,000 configurations",
  async run() {
    const emulator = createEmulator({
      seed: demoSeed({ configurations: CONFIGURATIONS }),
      ledgerLimit: 1_000,
    });
    const headers = authHeaders(emulator);
    const total = emulator.table("configurations").length;
    const rows: BenchRow[] = [];
    for (const conditions of CONDITIONS) {
      const query = new URLSearchParams({ conditions, pageSize: "1000" });
      const url = apiUrl(
        emulator,
        emulator.credentials.url,
        `/company/configurations?${query.toString()}`,
      );
      let returned = 0;
      const get = async (): Promise<void> => {
        const response = await emulator.fetch(url, { headers });
        const page = (await response.json()) as unknown[];
        if (response.status !== 200 || page.length !== 1000)
          throw new Error(`expected 1,000 rows, got ${response.status} / ${page.length}`);
        returned = page.length;
      };
      await timeEach(WARMUP, get);
      const times: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < N; i += 1) {
        const one = await timeBatch(1, get);
        times.push(one.wallMs);
        cpu.push(one.cpuMs);
      }
      const med = median(times);
      rows.push({
        metric: `page of ${fmt(returned)} rows, conditions=${conditions}`,
        measured: `wall median ${fmt(med, 1)} ms · p95 ${fmt(percentile(times, 95), 1)} ms · min ${fmt(Math.min(...times), 1)} ms; CPU median ${fmt(median(cpu), 1)} ms`,
        target: `≤ ${TARGET_MS} ms`,
        ratio: fmt(med / TARGET_MS, 2),
        settings: `${fmt(total)} configurations (demoSeed), pageSize=1000, N=${N} after ${WARMUP} warm-up, in-process, request to parsed JSON; ratio = wall median / target`,
      });
    }
    await emulator.close();
    return rows;
  },
};
