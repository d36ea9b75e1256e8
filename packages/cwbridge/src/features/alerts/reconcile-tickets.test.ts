import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { externalXRef } from "../../domain/incident-key.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { getIncident } from "./incident-queries.js";
import { ingestAlert } from "./ingest-alert.js";
import { reconcileTickets } from "./reconcile-tickets.js";
import { createAlertBench, fire, type AlertBench } from "./testing/alert-fixtures.js";

async function openIncident(bench: AlertBench, name: string) {
  const result = await ingestAlert(bench.t.ctx, bench.sourceId, fire({ name }));
  await bench.drain();
  const incident = await getIncident(bench.t.ctx, result.incidentKey);
  if (incident?.ticketId === null || incident === undefined) throw new Error("no ticket");
  return {
    key: result.incidentKey,
    ticketId: incident.ticketId,
    xref: externalXRef(result.incidentKey),
  };
}

function ticket(bench: AlertBench, id: number) {
  return bench.t.emulator.table("tickets").find((t) => t.id === id);
}

describe.each(TEST_DIALECTS)("reconcileTickets (%s)", (dialect) => {
  let bench: AlertBench;
  beforeEach(async () => {
    bench = await createAlertBench({
      dialect,
      settings: { defaults: { boardName: "Monitoring Alerts" } },
    });
  });
  afterEach(async () => {
    await bench.close();
  });

  it("closes a duplicate ticket carrying the same key as a duplicate of the oldest", async () => {
    const { xref, ticketId } = await openIncident(bench, "Dup");
    const cw = await bench.t.ctx.clients.forConnection(bench.t.connectionId);
    const duplicate = await cw.tickets.create({
      summary: "dup",
      company: { id: 250 },
      board: { id: 2 },
      externalXRef: xref,
    });
    const report = await reconcileTickets(bench.t.ctx, bench.t.connectionId);
    expect(report).toMatchObject({
      duplicatesClosed: 1,
      relinked: 0,
      orphansClosed: 0,
      skipped: 0,
    });
    expect(ticket(bench, duplicate.id)).toMatchObject({
      closedFlag: true,
      status: { name: "Closed - Duplicate" },
    });
    expect(ticket(bench, ticketId)).toMatchObject({ closedFlag: false });
    const note = bench.t.emulator.table("ticketNotes").find((n) => n["ticketId"] === duplicate.id);
    expect(note?.["text"]).toContain(`Duplicate of #${ticketId}`);
    expect(await reconcileTickets(bench.t.ctx, bench.t.connectionId)).toMatchObject({
      duplicatesClosed: 0,
      scanned: 1,
    });
  });

  it("relinks a ticket the incident does not know and closes one whose incident is closed", async () => {
    const lost = await openIncident(bench, "Lost");
    const closed = await openIncident(bench, "Closed here");
    const db = bench.t.ctx.store.db;
    await db
      .updateTable("incidents")
      .set({ cw_ticket_id: null, state: "opening" })
      .where("key", "=", lost.key)
      .execute();
    await db
      .updateTable("incidents")
      .set({ state: "closed" })
      .where("key", "=", closed.key)
      .execute();
    const report = await reconcileTickets(bench.t.ctx, bench.t.connectionId);
    expect(report).toMatchObject({ relinked: 1, orphansClosed: 1, duplicatesClosed: 0 });
    expect(await getIncident(bench.t.ctx, lost.key)).toMatchObject({
      state: "open",
      ticketId: lost.ticketId,
    });
    expect(ticket(bench, closed.ticketId)).toMatchObject({
      closedFlag: true,
      status: { name: "Closed" },
    });
    expect(ticket(bench, lost.ticketId)).toMatchObject({ closedFlag: false });
  });

  it("runs as a job and schedules itself again", async () => {
    await openIncident(bench, "Periodic");
    const jobId = await bench.t.ctx.queue.enqueue({
      kind: "reconcile-tickets",
      payload: { connectionId: bench.t.connectionId, everyMs: 60_000 },
      key: `alerts:reconcile:${bench.t.connectionId}`,
    });
    for (let i = 0; i < 300 && (await bench.t.ctx.queue.getJob(jobId)) !== undefined; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(await bench.t.ctx.queue.stats()).toMatchObject({ pending: 1, failed: 0 });
  });
});
