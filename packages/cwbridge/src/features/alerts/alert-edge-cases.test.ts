import type { Entity } from "@cwbridge/connectwise-emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { externalXRef } from "../../domain/incident-key.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { writeAlertSettings } from "./alert-settings.js";
import { getIncident } from "./incident-queries.js";
import { ingestAlert } from "./ingest-alert.js";
import { createAlertBench, fire, resolve, type AlertBench } from "./testing/alert-fixtures.js";
import { recordTicketClosed } from "./ticket-closed.js";

function ticketsWith(bench: AlertBench, xref: string): Entity[] {
  return bench.t.emulator.table("tickets").filter((t) => t["externalXRef"] === xref);
}

function linksOf(bench: AlertBench, ticketId: number | undefined): unknown[] {
  return bench.t.emulator
    .table("ticketConfigurations")
    .filter((l) => l["ticketId"] === ticketId)
    .map((l) => l["configurationId"]);
}

describe.each(TEST_DIALECTS)("alerts → tickets, edge cases (%s)", (dialect) => {
  let bench: AlertBench;
  beforeEach(async () => {
    bench = await createAlertBench({ dialect, start: false });
  });
  afterEach(async () => {
    await bench.close();
  });

  async function run(): Promise<void> {
    await bench.t.engine.start({ concurrency: 4, pollMs: 10 });
    await bench.drain();
  }

  it("an alert resolved before its job ran still gets its ticket, which is then closed", async () => {
    const opened = await ingestAlert(bench.t.ctx, bench.sourceId, fire());
    expect(await ingestAlert(bench.t.ctx, bench.sourceId, resolve())).toMatchObject({
      action: "close",
    });
    await run();
    const tickets = ticketsWith(bench, externalXRef(opened.incidentKey));
    expect(tickets.map((t) => t["closedFlag"])).toEqual([true]);
    expect(linksOf(bench, tickets[0]?.id)).toEqual([20001]);
    expect(await getIncident(bench.t.ctx, opened.incidentKey)).toMatchObject({
      state: "closed",
      ticketId: tickets[0]?.id,
    });
    const notes = bench.t.emulator
      .table("ticketNotes")
      .filter((n) => n["ticketId"] === tickets[0]?.id && n["resolutionFlag"] === true);
    expect(notes).toHaveLength(1);
  });

  it("fire, resolve, fire before any job ran: one open ticket", async () => {
    const opened = await ingestAlert(bench.t.ctx, bench.sourceId, fire());
    await ingestAlert(bench.t.ctx, bench.sourceId, resolve());
    expect(await ingestAlert(bench.t.ctx, bench.sourceId, fire())).toMatchObject({
      action: "reopen",
    });
    await run();
    const tickets = ticketsWith(bench, externalXRef(opened.incidentKey));
    expect(tickets.map((t) => t["closedFlag"])).toEqual([false]);
    expect(await getIncident(bench.t.ctx, opened.incidentKey)).toMatchObject({
      state: "open",
      ticketId: tickets[0]?.id,
    });
  });

  it("truncates long summaries to 100 characters and finds configurations by name or tag", async () => {
    const long = await ingestAlert(
      bench.t.ctx,
      bench.sourceId,
      fire({ summary: "S".repeat(150), deviceId: "ACME-SRV-01" }),
    );
    const tagged = await ingestAlert(
      bench.t.ctx,
      bench.sourceId,
      fire({ name: "Tagged", deviceId: "ACME-0001" }),
    );
    const unknown = await ingestAlert(
      bench.t.ctx,
      bench.sourceId,
      fire({ name: "Nowhere", deviceId: "no-such-box" }),
    );
    await run();
    const [longTicket] = ticketsWith(bench, externalXRef(long.incidentKey));
    expect(String(longTicket?.["summary"])).toHaveLength(100);
    expect(linksOf(bench, longTicket?.id)).toEqual([20002]);
    expect(linksOf(bench, ticketsWith(bench, externalXRef(tagged.incidentKey))[0]?.id)).toEqual([
      20001,
    ]);
    expect(linksOf(bench, ticketsWith(bench, externalXRef(unknown.incidentKey))[0]?.id)).toEqual(
      [],
    );
    expect(await bench.t.ctx.queue.stats()).toMatchObject({ failed: 0 });
  });

  it("a technician's close: a re-fire in the window reopens, a later one opens a new ticket", async () => {
    const opened = await ingestAlert(bench.t.ctx, bench.sourceId, fire());
    await run();
    const incident = await getIncident(bench.t.ctx, opened.incidentKey);
    const ticketId = incident?.ticketId ?? -1;
    const cw = await bench.t.ctx.clients.forConnection(bench.t.connectionId);
    await cw.tickets.patch(ticketId, [{ op: "replace", path: "status", value: { id: 5 } }]);
    expect(await recordTicketClosed(bench.t.ctx, bench.t.connectionId, ticketId)).toMatchObject({
      state: "closed",
    });
    bench.advance(60_000);
    expect(await ingestAlert(bench.t.ctx, bench.sourceId, fire())).toMatchObject({
      action: "reopen",
    });
    await bench.drain();
    expect(
      ticketsWith(bench, externalXRef(opened.incidentKey)).map((t) => t["closedFlag"]),
    ).toEqual([false]);
    await cw.tickets.patch(ticketId, [{ op: "replace", path: "status", value: { id: 5 } }]);
    await recordTicketClosed(bench.t.ctx, bench.t.connectionId, ticketId);
    bench.advance(25 * 3_600_000);
    expect(await ingestAlert(bench.t.ctx, bench.sourceId, fire())).toMatchObject({ action: "new" });
    await bench.drain();
    expect(
      ticketsWith(bench, externalXRef(opened.incidentKey)).map((t) => t["closedFlag"]),
    ).toEqual([true, false]);
    expect(await recordTicketClosed(bench.t.ctx, bench.t.connectionId, 999_999)).toBeUndefined();
  });

  it("an ambiguous create that did not commit is re-searched during the settle window, then re-created", async () => {
    await writeAlertSettings(bench.t.ctx, bench.t.connectionId, { settleWindowMs: 60_000 });
    await bench.t.engine.start({ concurrency: 2, pollMs: 10 });
    const ticketPosts = () =>
      bench.t.emulator.ledger
        .requests()
        .filter((r) => r.method === "POST" && r.path === "/service/tickets");
    bench.t.emulator.setFaults({ serverTimeout: { probability: 1 } });
    const { incidentKey } = await ingestAlert(bench.t.ctx, bench.sourceId, fire());
    for (let i = 0; i < 500 && ticketPosts().length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    bench.t.emulator.setFaults({});
    const searches = () =>
      bench.t.emulator.ledger
        .requests()
        .filter((r) => r.method === "GET" && r.path === "/service/tickets").length;
    for (let i = 0; i < 500 && searches() === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 200));
    const waiting = await getIncident(bench.t.ctx, incidentKey);
    expect(waiting).toMatchObject({ ticketId: null, attempts: 1 });
    expect(waiting?.outcomeUnknownSince).not.toBeNull();
    expect(ticketPosts()).toHaveLength(1);
    bench.advance(2 * 60_000);
    await bench.drain();
    const xref = externalXRef(incidentKey);
    expect(
      bench.t.emulator.table("tickets").filter((t) => t["externalXRef"] === xref),
    ).toHaveLength(1);
    expect(ticketPosts().map((r) => r.status)).toEqual([500, 201]);
    expect(await getIncident(bench.t.ctx, incidentKey)).toMatchObject({
      state: "open",
      attempts: 2,
    });
  });
});
