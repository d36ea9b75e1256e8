/**
 * A worker killed while an incident's create was queued or in flight, and the resolve arriving
 * before the engine restarts (issue #7 item 2): the store is left as the dead worker left it —
 * its job claimed (SQL queue, 60 s queue lease), the incident lease held under its pid (a
 * process that has exited), the create attempt recorded or not — then a live engine starts.
 * The fire still gets exactly one ticket, which is closed, within seconds.
 */
import type { Entity } from "@cwbridge/connectwise-emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { externalXRef } from "../../domain/incident-key.js";
import { claimJob } from "../../queue/claim-job.js";
import { currentOwner } from "../../store/request-log-owner.js";
import { deadPid } from "../../store/testing/dead-pid.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { writeAlertSettings } from "./alert-settings.js";
import { getIncident } from "./incident-queries.js";
import { LEASE_TTL_MS } from "./incident-lease.js";
import { mutateIncident } from "./incident-repository.js";
import { ingestAlert } from "./ingest-alert.js";
import { createAlertBench, fire, resolve, type AlertBench } from "./testing/alert-fixtures.js";

/** The default settle window (15 min): nothing here may wait for it. */
const DEFAULT_SETTLE_MS = 15 * 60_000;
const WITHIN_MS = 10_000;

function ticketsWith(bench: AlertBench, xref: string): Entity[] {
  return bench.t.emulator.table("tickets").filter((t) => t["externalXRef"] === xref);
}

function ticketPosts(bench: AlertBench): number {
  return bench.t.emulator.ledger
    .requests()
    .filter((r) => r.method === "POST" && r.path === "/service/tickets").length;
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - start;
}

describe.each(TEST_DIALECTS)("a dead worker's incident (%s)", (dialect) => {
  let bench: AlertBench;
  beforeEach(async () => {
    bench = await createAlertBench({
      dialect,
      start: false,
      settings: { settleWindowMs: DEFAULT_SETTLE_MS },
      env: { CWBRIDGE_QUEUE: "sql" },
    });
  });
  afterEach(async () => {
    await bench.close();
  });

  /** Fire accepted; a worker claimed its job, took the incident lease and died. */
  async function fireHeldByDeadWorker(): Promise<string> {
    const { incidentKey } = await ingestAlert(bench.t.ctx, bench.sourceId, fire());
    const job = await claimJob(bench.t.ctx.store, {
      workerId: "dead-worker",
      kinds: undefined,
      leaseMs: 60_000,
    });
    expect(job?.kind).toBe("ensure-ticket");
    const lease = {
      owner: `job:${job?.id ?? ""}`,
      until: Date.now() + LEASE_TTL_MS,
      host: currentOwner().host,
      pid: deadPid(),
    };
    await bench.t.ctx.store.db
      .insertInto("kv")
      .values({
        tenant: "default",
        key: `alerts:lease:${incidentKey}`,
        value: JSON.stringify(lease),
      })
      .execute();
    return incidentKey;
  }

  /** The resolve arrives, the engine starts: one closed ticket, and how long it took. */
  async function resolveAndRestart(incidentKey: string): Promise<{ ms: number; ticket: Entity }> {
    expect(await ingestAlert(bench.t.ctx, bench.sourceId, resolve())).toMatchObject({
      action: "close",
    });
    await bench.t.engine.start({ concurrency: 2, pollMs: 10 });
    const ms = await until(
      async () => (await getIncident(bench.t.ctx, incidentKey))?.state === "closed",
      WITHIN_MS,
    );
    const tickets = ticketsWith(bench, externalXRef(incidentKey));
    expect(tickets.map((t) => t["closedFlag"])).toEqual([true]);
    const ticket = tickets[0] as Entity;
    expect(await getIncident(bench.t.ctx, incidentKey)).toMatchObject({
      state: "closed",
      ticketId: ticket.id,
    });
    return { ms, ticket };
  }

  it("create queued under the dead worker's lease: one ticket, closed, within seconds", async () => {
    const key = await fireHeldByDeadWorker();
    const { ms } = await resolveAndRestart(key);
    expect(ms).toBeLessThan(WITHIN_MS);
    expect(ticketPosts(bench)).toBe(1);
  });

  it("create in flight and committed by ConnectWise: adopted (no second POST) and closed", async () => {
    const key = await fireHeldByDeadWorker();
    await mutateIncident(bench.t.ctx.scope, key, (i) => ({
      ...i,
      attempts: 1,
      outcomeUnknownSince: new Date().toISOString(),
    }));
    const cw = await bench.t.ctx.clients.forConnection(bench.t.connectionId);
    const made = await cw.tickets.create({
      summary: "sent by the dead worker",
      company: { id: 250 },
      externalXRef: externalXRef(key),
    });
    bench.t.emulator.ledger.clear();
    const { ticket } = await resolveAndRestart(key);
    expect(ticket.id).toBe(made.id);
    expect(ticketPosts(bench)).toBe(0);
  });

  it("create in flight and lost: the settle window still runs, then one ticket, closed", async () => {
    await writeAlertSettings(bench.t.ctx, bench.t.connectionId, { settleWindowMs: 2_000 });
    const key = await fireHeldByDeadWorker();
    await mutateIncident(bench.t.ctx.scope, key, (i) => ({
      ...i,
      attempts: 1,
      outcomeUnknownSince: new Date().toISOString(),
    }));
    const { ms } = await resolveAndRestart(key);
    expect(ms).toBeGreaterThan(1_000);
    expect(ticketPosts(bench)).toBe(1);
  });
});
