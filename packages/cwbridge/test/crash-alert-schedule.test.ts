/**
 * Crash schedule of issue #7 item 2: every durably accepted fire ends with exactly one ticket
 * (closed when resolved), crashes or not. ConnectWise answers in 500 ms, so the engine child
 * is SIGKILLed while ticket creates are queued and in flight — two rounds of 2–3 kills, a
 * restart after each — and only then are all alerts resolved, many of them before their
 * ticket exists (create queued, leased by a dead worker, or outcome unknown). A last child
 * drains the queue.
 *
 * Asserted per seed: exactly one ticket per accepted fire, all closed, on the right company;
 * one configuration per device, every device converged; nothing lost, no dead letters, no
 * child error; the events log vs the emulator ledger (none unlogged, none phantom, none left
 * `sending`, in-flight rows at kills bounded). And the schedule did what it says: kills landed
 * while creates were in flight, and resolves arrived before tickets existed.
 *
 * CI size: 2 SQLite seeds (SQL queue) + 1 PostgreSQL seed (graphile-worker, the default there),
 * about a minute each on 2 cores.
 * `CWB_CRASH_SEEDS` raises the SQLite seeds (and `CWB_CRASH_PG_SEEDS` the PostgreSQL ones).
 */
import { describe, expect, it } from "vitest";
import { runAlertScheduleDrill, type AlertScheduleOptions } from "./harness/alert-schedule-run.js";
import type { DialectKind } from "../src/store/dialects/dialect-ops.js";

const SQLITE_SEEDS = Number(process.env["CWB_CRASH_SEEDS"] ?? 2);
const POSTGRES_SEEDS = Number(process.env["CWB_CRASH_PG_SEEDS"] ?? 1);
const CONCURRENCY = 4;

const drill = (seed: number, dialect: DialectKind): AlertScheduleOptions => ({
  seed,
  dialect,
  latencyMs: 500,
  alerts: 20,
  devices: 8,
  customers: 8,
  rounds: [
    [2, 3],
    [2, 3],
  ],
  concurrency: CONCURRENCY,
});

const seeds = (count: number, first: number) => Array.from({ length: count }, (_, i) => first + i);

describe.each([
  ["sqlite" as const, seeds(SQLITE_SEEDS, 1)],
  ["postgres" as const, seeds(POSTGRES_SEEDS, 1001)],
])("alert crash schedule on %s", (dialect, list) => {
  it.each(list)(
    "seed %i: kills while creates are in flight, resolves after the restarts: one ticket per fire",
    { timeout: 6 * 60_000 },
    async (seed) => {
      const result = await runAlertScheduleDrill(drill(seed, dialect));
      console.info(
        `alert schedule ${dialect} seed ${seed}: ${result.kills.length} kills ` +
          `(in flight/queued at each: ${result.kills.map((k) => `${k.inFlight}/${k.queued}`).join(" ")}), ` +
          `${result.resolved} resolved, of which without a ticket yet: ${result.atResolve.inFlight} in flight + ` +
          `${result.atResolve.queued} queued, ` +
          `drained in ${result.drainMs} ms over ${result.runs} runs, ${result.stats.total} requests ` +
          `(faults ${JSON.stringify(result.stats.faults)}), ` +
          `${result.agreement.byStopped} in flight at a kill, ${result.agreement.neverSent.length} killed before sending`,
      );
      expect(result.violations).toEqual({
        tickets: [],
        duplicateConfigurations: [],
        devices: [],
        lost: [],
        childErrors: [],
      });
      expect(result.agreement.phantom).toEqual([]);
      expect(result.agreement.unlogged).toEqual([]);
      expect(result.agreement.sending).toEqual([]);
      const inFlightAtKills = result.agreement.byStopped + result.agreement.neverSent.length;
      expect(inFlightAtKills).toBeLessThanOrEqual(result.kills.length * (CONCURRENCY + 1));
      // The schedule did what it says.
      expect(result.kills.length).toBeGreaterThanOrEqual(4);
      expect(result.kills.some((k) => k.inFlight > 0)).toBe(true);
      expect(result.atResolve.queued + result.atResolve.inFlight).toBeGreaterThan(0);
    },
  );
});
