/**
 * Named crash points, simulated by leaving the database as a crash would and running the job
 * again: a write whose outcome is unknown is always looked for before it is repeated.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { externalXRef } from "../../domain/incident-key.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { disableConnection, enableConnection } from "../connections/index.js";
import { acquireIncidentLease } from "./incident-lease.js";
import { getIncident } from "./incident-queries.js";
import { mutateIncident } from "./incident-repository.js";
import { ingestAlert } from "./ingest-alert.js";
import {
  createAlertBench,
  fire,
  resolve,
  runAlertJob,
  type AlertBench,
} from "./testing/alert-fixtures.js";
import { repeatNoteText, resolutionNoteText } from "./ticket-text.js";

function posts(bench: AlertBench, path: RegExp): number {
  return bench.t.emulator.ledger.requests().filter((r) => r.method === "POST" && path.test(r.path))
    .length;
}

describe.each(TEST_DIALECTS)("crash points (%s)", (dialect) => {
  let bench: AlertBench;
  beforeEach(async () => {
    bench = await createAlertBench({ dialect, start: false });
  });
  afterEach(async () => {
    await bench.close();
  });

  it("crash after the ticket POST, before its id was stored: the re-run adopts it", async () => {
    const { incidentKey } = await ingestAlert(bench.t.ctx, bench.sourceId, fire());
    const xref = externalXRef(incidentKey);
    await mutateIncident(bench.t.ctx.scope, incidentKey, (i) => ({
      ...i,
      attempts: 1,
      outcomeUnknownSince: new Date().toISOString(),
    }));
    const cw = await bench.t.ctx.clients.forConnection(bench.t.connectionId);
    const made = await cw.tickets.create({
      summary: "made before the crash",
      company: { id: 250 },
      externalXRef: xref,
    });
    bench.t.emulator.ledger.clear();
    await runAlertJob(bench, "ensure-ticket", incidentKey);
    expect(posts(bench, /^\/service\/tickets$/)).toBe(0);
    expect(
      bench.t.emulator.table("tickets").filter((t) => t["externalXRef"] === xref),
    ).toHaveLength(1);
    expect(await getIncident(bench.t.ctx, incidentKey)).toMatchObject({
      state: "open",
      ticketId: made.id,
    });
  });

  it("crash after a note POST, before it was recorded: the re-run finds the note", async () => {
    const { incidentKey } = await ingestAlert(bench.t.ctx, bench.sourceId, fire());
    await runAlertJob(bench, "ensure-ticket", incidentKey);
    bench.advance(16 * 60_000);
    expect(await ingestAlert(bench.t.ctx, bench.sourceId, fire())).toMatchObject({
      action: "note",
    });
    const incident = await getIncident(bench.t.ctx, incidentKey);
    const ticketId = incident?.ticketId ?? -1;
    const pending = incident?.data.note;
    if (incident === undefined || pending === undefined) throw new Error("no pending note");
    await mutateIncident(bench.t.ctx.scope, incidentKey, (i) => ({
      ...i,
      data: { ...i.data, noteSending: 1 },
    }));
    const cw = await bench.t.ctx.clients.forConnection(bench.t.connectionId);
    // As ConnectWise may store it: CRLF line endings.
    const written = repeatNoteText(incident, pending).replace(/\n/g, "\r\n");
    await cw.tickets.notes(ticketId).create({ text: written, internalAnalysisFlag: true });
    bench.t.emulator.ledger.clear();
    await runAlertJob(bench, "add-note", incidentKey);
    expect(posts(bench, /notes$/)).toBe(0);
    expect((await getIncident(bench.t.ctx, incidentKey))?.data.note).toBeUndefined();
  });

  it("crash during the close, after the resolution note: the re-run does not write it again", async () => {
    const { incidentKey } = await ingestAlert(bench.t.ctx, bench.sourceId, fire());
    await runAlertJob(bench, "ensure-ticket", incidentKey);
    await ingestAlert(bench.t.ctx, bench.sourceId, resolve());
    const resolving = await getIncident(bench.t.ctx, incidentKey);
    if (resolving === undefined) throw new Error("no incident");
    const ticketId = resolving.ticketId ?? -1;
    const text = resolutionNoteText(resolving);
    await mutateIncident(bench.t.ctx.scope, incidentKey, (i) => ({
      ...i,
      data: { ...i.data, closeNoteSending: 1 },
    }));
    const cw = await bench.t.ctx.clients.forConnection(bench.t.connectionId);
    await cw.tickets.notes(ticketId).create({ text, resolutionFlag: true });
    await runAlertJob(bench, "close-ticket", incidentKey);
    const notes = bench.t.emulator
      .table("ticketNotes")
      .filter((n) => n["ticketId"] === ticketId && n["resolutionFlag"] === true);
    expect(notes).toHaveLength(1);
    expect(bench.t.emulator.table("tickets").find((t) => t.id === ticketId)).toMatchObject({
      closedFlag: true,
    });
    expect(await getIncident(bench.t.ctx, incidentKey)).toMatchObject({ state: "closed" });
  });

  it("a job finding the incident leased by another re-enqueues itself and leaves it alone", async () => {
    const { incidentKey } = await ingestAlert(bench.t.ctx, bench.sourceId, fire());
    expect(
      await acquireIncidentLease(bench.t.ctx.scope, incidentKey, "someone-else", Date.now()),
    ).toBe(true);
    bench.t.emulator.ledger.clear();
    await runAlertJob(bench, "ensure-ticket", incidentKey);
    expect(bench.t.emulator.ledger.requests()).toHaveLength(0);
    expect(await getIncident(bench.t.ctx, incidentKey)).toMatchObject({
      attempts: 0,
      ticketId: null,
    });
  });

  it("while the connection is disabled nothing is written; the failure is kept and retried", async () => {
    await disableConnection(bench.t.ctx, bench.t.connectionId);
    const { incidentKey } = await ingestAlert(bench.t.ctx, bench.sourceId, fire());
    bench.t.emulator.ledger.clear();
    await runAlertJob(bench, "ensure-ticket", incidentKey);
    expect(bench.t.emulator.ledger.requests().filter((r) => r.method !== "GET")).toHaveLength(0);
    const failed = await getIncident(bench.t.ctx, incidentKey);
    expect(failed).toMatchObject({ state: "opening", attempts: 1, outcomeUnknownSince: null });
    expect(failed?.data.lastError).toMatchObject({ retries: 1 });
    expect(failed?.data.lastError?.message).toContain("CWB_ERR_CONNECTION_DISABLED");
    expect(await bench.t.ctx.queue.stats()).toMatchObject({ pending: 1, failed: 0 });
    await enableConnection(bench.t.ctx, bench.t.connectionId);
    await bench.t.engine.start({ concurrency: 2, pollMs: 10 });
    await bench.drain();
    const xref = externalXRef(incidentKey);
    expect(
      bench.t.emulator.table("tickets").filter((t) => t["externalXRef"] === xref),
    ).toHaveLength(1);
    const done = await getIncident(bench.t.ctx, incidentKey);
    expect(done).toMatchObject({ state: "open", attempts: 2 });
    expect(done?.data.lastError).toBeUndefined();
  });

  it("two jobs racing one incident write one ticket", async () => {
    const { incidentKey } = await ingestAlert(bench.t.ctx, bench.sourceId, fire());
    const run = (id: string) => runAlertJob(bench, "ensure-ticket", incidentKey, id);
    await Promise.all([run("racer-a"), run("racer-b"), run("racer-c")]);
    await bench.t.engine.start({ concurrency: 4, pollMs: 10 });
    await bench.drain();
    const xref = externalXRef(incidentKey);
    expect(
      bench.t.emulator.table("tickets").filter((t) => t["externalXRef"] === xref),
    ).toHaveLength(1);
    expect(posts(bench, /^\/service\/tickets$/)).toBe(1);
    expect(await getIncident(bench.t.ctx, incidentKey)).toMatchObject({
      state: "open",
      attempts: 1,
    });
  });
});
