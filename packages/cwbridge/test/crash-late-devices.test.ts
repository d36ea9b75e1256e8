/**
 * Crash test, late devices (issue #7 item 1: every configuration create adopts first): the
 * crash drill of `crash.test.ts` with a late-device phase — after the first sync of every
 * company has drained, a technician makes configurations in ConnectWise matching devices not
 * pushed yet (by serial number, MAC address in another spelling, or name in another case), the
 * devices arrive (a delta push on odd seeds, the full snapshot on even ones), and the engine
 * syncs them while being SIGKILLed at random instants and restarted until drained.
 *
 * Asserted per seed, besides the drill's guarantees: every twin adopted by its device (it
 * carries the device key), exactly one configuration per device by key and by serial number
 * (and by the twin's MAC/name) in its company, every device converged. Small: 60 devices over
 * 10 companies, 24 late; `CWB_CRASH_LATE_SEEDS` raises the number of SQLite seeds.
 */
import { describe, expect, it } from "vitest";
import type { DialectKind } from "../src/store/dialects/dialect-ops.js";
import { runCrashDrill, type CrashDrillOptions } from "./harness/crash-run.js";

const SQLITE_SEEDS = Number(process.env["CWB_CRASH_LATE_SEEDS"] ?? 3);
const POSTGRES_SEEDS = 2;
const CONCURRENCY = 4;

const drill = (seed: number, dialect: DialectKind): CrashDrillOptions => ({
  seed,
  dialect,
  devices: 60,
  lateDevices: 24,
  cycles: 0,
  customers: 10,
  kills: [1, 2],
  killWindowMs: [0, 800],
  concurrency: CONCURRENCY,
});

const seeds = (count: number, first: number) => Array.from({ length: count }, (_, i) => first + i);

describe.each([
  ["sqlite" as const, seeds(SQLITE_SEEDS, 1)],
  ["postgres" as const, seeds(POSTGRES_SEEDS, 1001)],
])("crash drills with late devices on %s", (dialect, list) => {
  it.each(list)(
    "seed %i: devices after the first sync adopt the configurations made meanwhile",
    { timeout: 10 * 60_000 },
    async (seed) => {
      const result = await runCrashDrill(drill(seed, dialect));
      console.info(
        `crash-late ${dialect} seed ${seed}: ${result.kills} kills, ${result.runs} runs, ` +
          `${result.stats.total} requests (faults ${JSON.stringify(result.stats.faults)})`,
      );
      expect(result.queue).toBe(dialect === "postgres" ? "graphile" : "sql");
      expect(result.violations).toEqual({
        duplicateConfigurations: [],
        duplicateTickets: [],
        devices: [],
        tickets: [],
        lost: [],
        childErrors: [],
        lateDevices: [],
      });
      expect(result.agreement.unlogged).toEqual([]);
      expect(result.agreement.sending).toEqual([]);
    },
  );
});
