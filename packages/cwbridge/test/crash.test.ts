/**
 * Crash test: the engine runs as a child process (SQLite store on a temp data dir; a few seeds
 * on PostgreSQL) against the emulator listening in this process, and is SIGKILLed at seeded
 * random instants while it works, then restarted until the queue is drained. Inbound work
 * (a device snapshot, alert fires, resolves once tickets exist) is written to the store by
 * this process before and between the child runs — durable store writes + outbox jobs, as the
 * inbound API does — so events also arrive while the engine is down.
 *
 * Scaled down from the chaos workload to fit CI (≥ 30 seeds within ~10 minutes on 2 cores):
 * per seed 150 devices over 20 companies and 20 alert cycles, 1–3 kills landing 0–3 s after
 * the child's worker started (during the adoption read, the device sync or the alert jobs), the chaos
 * fault types at the same rates but Retry-After 0–1 s, 5 ms emulator latency so kills land
 * mid-request. `CWB_CRASH_SEEDS` raises the number of SQLite seeds, `CWB_CRASH_PG_SEEDS` the
 * PostgreSQL ones. On PostgreSQL the queue is graphile-worker (the default there): a killed
 * child's jobs come back when the next child starts (its pool registry sees the dead pid), not
 * after graphile's 4-hour lock timeout; on SQLite the SQL queue's 1 s lease.
 *
 * Asserted per seed: the chaos guarantees (0 duplicate configurations/tickets, every device
 * converged, exactly one ticket per accepted fire, closed when resolved, nothing lost, no dead letters, no child error) and
 * the events log vs the emulator ledger: every request the emulator received is logged (none
 * unlogged: a row is committed `sending` before a request leaves), requests in flight at a kill
 * are `outcome_unknown` (`CWB_ERR_ENGINE_STOPPED`) after the restart and none is left
 * `sending`, and every logged request reached the emulator, except in-flight rows killed
 * before they left (at most the requests in flight per kill: the concurrency, plus a codebase
 * discovery).
 */
import { describe, expect, it } from "vitest";
import { runCrashDrill, type CrashDrillOptions } from "./harness/crash-run.js";
import type { DialectKind } from "../src/store/dialects/dialect-ops.js";

const SQLITE_SEEDS = Number(process.env["CWB_CRASH_SEEDS"] ?? 30);
const POSTGRES_SEEDS = Number(process.env["CWB_CRASH_PG_SEEDS"] ?? 3);
const CONCURRENCY = 4;

const drill = (seed: number, dialect: DialectKind): CrashDrillOptions => ({
  seed,
  dialect,
  devices: 150,
  cycles: 20,
  customers: 20,
  kills: [1, 3],
  killWindowMs: [0, 3_000],
  concurrency: CONCURRENCY,
});

const seeds = (count: number, first: number) => Array.from({ length: count }, (_, i) => first + i);

describe.each([
  ["sqlite" as const, seeds(SQLITE_SEEDS, 1)],
  ["postgres" as const, seeds(POSTGRES_SEEDS, 1001)],
])("crash drills on %s", (dialect, list) => {
  it.each(list)(
    "seed %i: SIGKILL at random instants, restart, every guarantee holds",
    { timeout: 15 * 60_000 },
    async (seed) => {
      const result = await runCrashDrill(drill(seed, dialect));
      console.info(
        `crash ${dialect} seed ${seed}: ${result.kills} kills, ${result.runs} runs, ${result.stats.total} requests ` +
          `(faults ${JSON.stringify(result.stats.faults)}), log↔ledger ${result.agreement.byRequestId} by id + ` +
          `${result.agreement.byOrder} by order + ${result.agreement.byStopped} in flight at a kill ` +
          `(${result.agreement.neverSent.length} killed before sending), ${result.agreement.unlogged.length} unlogged`,
      );
      expect(result.queue).toBe(dialect === "postgres" ? "graphile" : "sql");
      expect(result.violations).toEqual({
        duplicateConfigurations: [],
        duplicateTickets: [],
        devices: [],
        tickets: [],
        lost: [],
        childErrors: [],
      });
      expect(result.agreement.phantom).toEqual([]);
      expect(result.agreement.unlogged).toEqual([]);
      expect(result.agreement.sending).toEqual([]);
      const inFlightAtKills = result.agreement.byStopped + result.agreement.neverSent.length;
      expect(inFlightAtKills).toBeLessThanOrEqual(result.kills * (CONCURRENCY + 1));
    },
  );
});
