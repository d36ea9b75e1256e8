/**
 * Open/resolve cycles under ConnectWise faults: 429s (Retry-After shortened to 0 s so the run
 * stays short; the throttle otherwise pauses every request for the full Retry-After), 5xx
 * timeouts, commit-then-timeout and resets. Oracles: the emulator's tables and ledger.
 * `CWB_ALERT_CHAOS_FULL=1` runs the full 300 cycles over 50 incidents (measured: SQLite 1,479
 * requests for a minimum of 1,300 = 1.14x, 145 faults, ~160 s; PostgreSQL 1,467 = 1.13x, 139
 * faults, ~190 s, on a loaded 2-core box).
 * (The full crash/chaos suite and the benchmarks live elsewhere.)
 */
import type { Entity } from "@cwbridge/connectwise-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isCwbridgeXRef } from "../../domain/incident-key.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { listIncidents } from "./incident-queries.js";
import { ingestAlert, type IngestResult } from "./ingest-alert.js";
import { createAlertBench, fire, resolve, type AlertBench } from "./testing/alert-fixtures.js";

// The brief's full scale (300 cycles over 50 incidents) takes minutes on a shared 2-core box;
// the default run is scaled down and covers the same paths (new, reopen, note, close).
const FULL = process.env["CWB_ALERT_CHAOS_FULL"] === "1";
const INCIDENTS = FULL ? 50 : 20;
const ROUNDS = FULL ? 6 : 3;

/** Requests a perfect client needs for what ingest decided. */
const MIN_REQUESTS: Record<IngestResult["action"], number> = {
  open: 2, // POST ticket + POST configuration link
  new: 2,
  reopen: 2, // PATCH status + POST note
  note: 1, // POST note
  close: 2, // POST resolution note + PATCH status
  none: 0,
};

function openDuplicates(tickets: readonly Entity[]): number {
  const open = new Map<string, number>();
  for (const t of tickets) {
    const xref = t["externalXRef"];
    if (typeof xref !== "string" || !isCwbridgeXRef(xref) || t["closedFlag"] === true) continue;
    open.set(xref, (open.get(xref) ?? 0) + 1);
  }
  return [...open.values()].filter((n) => n > 1).length;
}

describe.each(TEST_DIALECTS)("alert cycles under faults (%s)", (dialect) => {
  let bench: AlertBench;
  beforeAll(async () => {
    bench = await createAlertBench({
      dialect,
      concurrency: 8,
      randomSeed: 7,
      settings: { defaults: { boardName: "Monitoring Alerts" } },
    });
  });
  afterAll(async () => {
    await bench.close();
  });

  it(`${INCIDENTS * ROUNDS} cycles over ${INCIDENTS} incidents converge within the request budget`, async () => {
    const { t } = bench;
    // Warm the route cache and the codebase before faults and counting start.
    const warm = await ingestAlert(t.ctx, bench.sourceId, fire({ name: "warm-up" }));
    await bench.drain();
    expect(warm.action).toBe("open");
    t.emulator.ledger.clear();
    t.emulator.setFaults({
      rateLimit: { probability: 0.05, retryAfterSeconds: 0 },
      serverTimeout: { probability: 0.02 },
      commitThenTimeout: { probability: 0.01 },
      reset: { probability: 0.01 },
    });
    const actions: IngestResult["action"][] = [];
    const wave = async (events: Record<string, unknown>[]) => {
      const results = await Promise.all(events.map((e) => ingestAlert(t.ctx, bench.sourceId, e)));
      actions.push(...results.map((r) => r.action));
      await bench.drain(120_000);
    };
    const names = Array.from({ length: INCIDENTS }, (_, i) => `chaos-${i}`);
    for (let round = 0; round < ROUNDS; round++) {
      // Even rounds after the first come back after the reopen window: a new ticket each.
      if (round > 0 && round % 2 === 0) bench.advance(25 * 3_600_000);
      await wave(names.map((name) => fire({ name })));
      if (round % 3 === 1) {
        bench.advance(16 * 60_000);
        await wave(names.map((name) => fire({ name })));
      }
      bench.advance(60_000);
      await wave(names.map((name) => resolve({ name })));
    }
    t.emulator.setFaults({});

    expect(await t.ctx.queue.stats()).toEqual({ pending: 0, running: 0, failed: 0 });
    const tickets = t.emulator.table("tickets");
    expect(openDuplicates(tickets)).toBe(0);
    const incidents = (await listIncidents(t.ctx, { limit: 1000 })).filter((i) =>
      i.data.alert.name.startsWith("chaos-"),
    );
    expect(incidents).toHaveLength(INCIDENTS);
    expect(incidents.every((i) => i.state === "closed")).toBe(true);
    const ours = new Set(incidents.map((i) => i.externalXRef));
    expect(
      tickets.filter((x) => ours.has(String(x["externalXRef"])) && x["closedFlag"] !== true),
    ).toHaveLength(0);
    const created = t.emulator.ledger
      .changes()
      .filter((c) => c.table === "tickets" && c.op === "create");
    expect(created).toHaveLength(actions.filter((a) => a === "open" || a === "new").length);
    expect(actions.filter((a) => a === "close")).toHaveLength(INCIDENTS * ROUNDS);

    const minimum = actions.reduce((sum, a) => sum + MIN_REQUESTS[a], 0);
    const sent = t.emulator.ledger.requests().length;
    const faults = t.emulator.ledger.requests().filter((r) => r.fault !== undefined).length;
    console.info(
      `${dialect}: ${sent} requests for a minimum of ${minimum} (${(sent / minimum).toFixed(3)}x), ${faults} faults`,
    );
    expect(faults).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(1.3 * minimum);
  }, 300_000);
});
