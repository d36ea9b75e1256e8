/**
 * Engine: peak RSS while pushing 100,000 devices (`pushDevices`, streamed, SQLite), measured in
 * a fresh child process that does nothing else (`push-memory-child.ts`).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchRow, Scenario } from "../lib/types.js";

const CHILD = fileURLToPath(
  new URL("../../packages/cwbridge/test/harness/push-memory-child.ts", import.meta.url),
);
const REPO = fileURLToPath(new URL("../../", import.meta.url));
const COUNT = 100_000;

export const scenario: Scenario = {
  name: "engine-push-memory",
  title: "Engine: peak RSS while pushing 100,000 devices",
  async run(): Promise<BenchRow[]> {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "--conditions=source", CHILD, String(COUNT)],
      { cwd: REPO, encoding: "utf8", maxBuffer: 10 * 2 ** 20 },
    );
    if (run.status !== 0) throw new Error(`push-memory child failed: ${run.stderr}`);
    const result = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as {
      peakRssMb: number;
      baselineRssMb: number;
      ms: number;
    };
    const settings = `N=${COUNT} devices over 200 customers, one snapshot push, SQLite, child process (baseline RSS ${result.baselineRssMb.toFixed(0)} MB)`;
    return [
      {
        metric: "peak RSS during push",
        measured: `${result.peakRssMb.toFixed(0)} MB`,
        target: "≤ 300 MB",
        ratio: (result.peakRssMb / 300).toFixed(2),
        settings,
      },
      {
        metric: "push time",
        measured: `${(result.ms / 1000).toFixed(1)} s`,
        target: "-",
        ratio: "-",
        settings: `${((COUNT / result.ms) * 1000).toFixed(0)} devices/s`,
      },
    ];
  },
};
