import type { Entity } from "@cwbridge/connectwise-emulator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { externalXRef, readableIncidentKey } from "../../domain/incident-key.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { pushCustomers } from "../customers/index.js";
import { getIncident, listIncidents } from "./incident-queries.js";
import { ingestAlert } from "./ingest-alert.js";
import { addRoutingRule } from "./routing-rules.js";
import {
  createAlertBench,
  DEMO,
  fire,
  resolve,
  type AlertBench,
} from "./testing/alert-fixtures.js";

function ticketsWith(bench: AlertBench, xref: string): Entity[] {
  return bench.t.emulator.table("tickets").filter((t) => t["externalXRef"] === xref);
}

function notesOf(bench: AlertBench, ticketId: number): Entity[] {
  return bench.t.emulator.table("ticketNotes").filter((n) => n["ticketId"] === ticketId);
}

function refId(value: unknown): number | undefined {
  return (value as { id?: number } | undefined)?.id;
}

function closedStatusIds(bench: AlertBench, boardId: number): number[] {
  return bench.t.emulator
    .table("boardStatuses")
    .filter((s) => refId(s["board"]) === boardId && s["closedStatus"] === true)
    .map((s) => s.id);
}

async function ingestAndDrain(bench: AlertBench, event: Record<string, unknown>) {
  const result = await ingestAlert(bench.t.ctx, bench.sourceId, event);
  await bench.drain();
  return result;
}

describe.each(TEST_DIALECTS)("alerts → tickets (%s)", (dialect) => {
  let bench: AlertBench;
  beforeEach(async () => {
    bench = await createAlertBench({
      dialect,
      settings: { defaults: { boardName: "Service Desk" } },
    });
  });
  afterEach(async () => {
    await bench.close();
  });

  it("fire opens exactly one ticket on the routed board, Medium/Medium, config attached", async () => {
    const result = await ingestAndDrain(bench, fire());
    expect(result).toMatchObject({ accepted: true, action: "open" });
    const xref = externalXRef(result.incidentKey);
    const [ticket, ...others] = ticketsWith(bench, xref);
    expect(others).toHaveLength(0);
    expect(ticket).toMatchObject({
      summary: "C: is 97% full on ws-1",
      severity: "Medium",
      impact: "Medium",
      closedFlag: false,
    });
    expect(refId(ticket?.["board"])).toBe(DEMO.serviceDeskBoardId);
    expect(refId(ticket?.["company"])).toBe(DEMO.acmeCompanyId);
    const links = bench.t.emulator
      .table("ticketConfigurations")
      .filter((l) => l["ticketId"] === ticket?.id);
    expect(links.map((l) => l["configurationId"])).toEqual([DEMO.acmeConfigId]);
    const incident = await getIncident(bench.t.ctx, result.incidentKey);
    expect(incident).toMatchObject({ state: "open", ticketId: ticket?.id, attempts: 1 });
    expect(await bench.t.ctx.queue.stats()).toEqual({ pending: 0, running: 0, failed: 0 });
  });

  it("repeats within the note interval add no ticket and at most one note", async () => {
    const first = await ingestAndDrain(bench, fire());
    for (let i = 0; i < 4; i++) {
      expect(await ingestAlert(bench.t.ctx, bench.sourceId, fire())).toMatchObject({
        action: "none",
        reason: "rate-limited",
      });
    }
    await bench.drain();
    bench.advance(16 * 60_000);
    expect(await ingestAndDrain(bench, fire())).toMatchObject({ action: "note" });
    const [ticket, ...others] = ticketsWith(bench, externalXRef(first.incidentKey));
    expect(others).toHaveLength(0);
    const repeatNotes = notesOf(bench, ticket?.id ?? -1).filter(
      (n) => n["internalAnalysisFlag"] === true,
    );
    expect(repeatNotes).toHaveLength(1);
    expect(repeatNotes[0]?.["text"]).toContain("Occurrences: 6");
  });

  it("resolve closes the ticket with a closed status of its board and a resolution note", async () => {
    const opened = await ingestAndDrain(bench, fire());
    expect(await ingestAndDrain(bench, resolve())).toMatchObject({ action: "close" });
    const [ticket] = ticketsWith(bench, externalXRef(opened.incidentKey));
    expect(ticket?.["closedFlag"]).toBe(true);
    const boardId = refId(ticket?.["board"]) ?? -1;
    expect(closedStatusIds(bench, boardId)).toContain(refId(ticket?.["status"]));
    expect((ticket?.["status"] as { name?: string }).name).toBe("Closed");
    const resolution = notesOf(bench, ticket?.id ?? -1).filter((n) => n["resolutionFlag"] === true);
    expect(resolution).toHaveLength(1);
    expect(resolution[0]?.["text"]).toContain(readableIncidentKey(opened.incidentKey));
    expect(await getIncident(bench.t.ctx, opened.incidentKey)).toMatchObject({ state: "closed" });
  });

  it("a re-fire within the reopen window reopens the same ticket", async () => {
    const opened = await ingestAndDrain(bench, fire());
    await ingestAndDrain(bench, resolve());
    bench.advance(60_000);
    expect(await ingestAndDrain(bench, fire())).toMatchObject({ action: "reopen" });
    const tickets = ticketsWith(bench, externalXRef(opened.incidentKey));
    expect(tickets).toHaveLength(1);
    expect(tickets[0]?.["closedFlag"]).toBe(false);
    expect((tickets[0]?.["status"] as { name?: string }).name).toBe("New");
    expect(
      notesOf(bench, tickets[0]?.id ?? -1).some((n) => String(n["text"]).includes("reopened")),
    ).toBe(true);
    expect(await getIncident(bench.t.ctx, opened.incidentKey)).toMatchObject({
      state: "open",
      ticketId: tickets[0]?.id,
    });
  });

  it("a re-fire after the reopen window opens a new ticket", async () => {
    const opened = await ingestAndDrain(bench, fire());
    await ingestAndDrain(bench, resolve());
    bench.advance(25 * 3_600_000);
    expect(await ingestAndDrain(bench, fire())).toMatchObject({ action: "new" });
    const tickets = ticketsWith(bench, externalXRef(opened.incidentKey)).sort(
      (a, b) => a.id - b.id,
    );
    expect(tickets.map((t) => t["closedFlag"])).toEqual([true, false]);
    const incident = await getIncident(bench.t.ctx, opened.incidentKey);
    expect(incident).toMatchObject({ state: "open", ticketId: tickets[1]?.id });
    expect(incident?.data.generation).toBe(2);
  });

  it("a duplicate delivery changes nothing", async () => {
    const event = fire();
    const first = await ingestAndDrain(bench, event);
    const before = await getIncident(bench.t.ctx, first.incidentKey);
    const requests = bench.t.emulator.ledger.requests().length;
    expect(await ingestAndDrain(bench, event)).toMatchObject({ duplicate: true, action: "none" });
    expect(await getIncident(bench.t.ctx, first.incidentKey)).toEqual(before);
    expect(bench.t.emulator.ledger.requests()).toHaveLength(requests);
  });

  it("a routing rule by alert name glob and labels picks the board, type, item and priority", async () => {
    await addRoutingRule(
      bench.t.ctx,
      {
        match: { alertName: "CPU*", labels: { env: "prod*" } },
        target: {
          boardName: "Monitoring Alerts",
          typeName: "Alert",
          itemName: "CPU",
          priorityName: "Priority 2 - High",
          severity: "High",
        },
      },
      { verifyConnectionId: bench.t.connectionId },
    );
    const routed = await ingestAndDrain(
      bench,
      fire({ name: "CPU high", labels: { env: "production" } }),
    );
    const [ticket] = ticketsWith(bench, externalXRef(routed.incidentKey));
    expect(refId(ticket?.["board"])).toBe(DEMO.monitoringBoardId);
    expect((ticket?.["type"] as { name?: string }).name).toBe("Alert");
    expect((ticket?.["item"] as { name?: string }).name).toBe("CPU");
    expect((ticket?.["priority"] as { name?: string }).name).toBe("Priority 2 - High");
    expect(ticket).toMatchObject({ severity: "High", impact: "Medium" });
    const unrouted = await ingestAndDrain(
      bench,
      fire({ name: "CPU high on dev", labels: { env: "dev" } }),
    );
    const [other] = ticketsWith(bench, externalXRef(unrouted.incidentKey));
    expect(refId(other?.["board"])).toBe(DEMO.serviceDeskBoardId);
  });

  it("an ambiguous create (commit, then timeout) is searched and adopted: one ticket", async () => {
    bench.t.emulator.setFaults({ commitThenTimeout: { probability: 1 } });
    const result = await ingestAlert(bench.t.ctx, bench.sourceId, fire());
    const xref = externalXRef(result.incidentKey);
    const postsOf = () =>
      bench.t.emulator.ledger
        .requests()
        .filter((r) => r.method === "POST" && r.path === "/service/tickets");
    for (let i = 0; i < 500 && postsOf().length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    bench.t.emulator.setFaults({});
    await bench.drain();
    expect(ticketsWith(bench, xref)).toHaveLength(1);
    const posts = postsOf();
    expect(posts).toHaveLength(1);
    expect(posts[0]?.fault).toBe("commit-then-timeout");
    const creates = bench.t.emulator.ledger
      .changes()
      .filter((c) => c.table === "tickets" && c.op === "create");
    expect(creates).toHaveLength(1);
    const searchedAfter = bench.t.emulator.ledger
      .requests()
      .some(
        (r) => r.method === "GET" && r.path === "/service/tickets" && r.seq > (posts[0]?.seq ?? 0),
      );
    expect(searchedAfter).toBe(true);
    const incident = await getIncident(bench.t.ctx, result.incidentKey);
    expect(incident).toMatchObject({
      state: "open",
      ticketId: creates[0]?.id,
      outcomeUnknownSince: null,
    });
    expect(incident?.data.lastError).toBeUndefined();
    expect(await bench.t.ctx.queue.stats()).toEqual({ pending: 0, running: 0, failed: 0 });
    const links = bench.t.emulator
      .table("ticketConfigurations")
      .filter((l) => l["ticketId"] === creates[0]?.id);
    expect(links).toHaveLength(1);
  });

  it("lists incidents by state and source", async () => {
    await ingestAndDrain(bench, fire());
    await ingestAndDrain(bench, fire({ name: "Other", deviceId: undefined }));
    expect(
      await listIncidents(bench.t.ctx, { state: "open", sourceId: bench.sourceId }),
    ).toHaveLength(2);
    expect(await listIncidents(bench.t.ctx, { state: "closed" })).toHaveLength(0);
    await expect(listIncidents(bench.t.ctx, { limit: 0 })).rejects.toMatchObject({
      code: "CWB_ERR_ALERT_INVALID",
    });
  });

  it("the resolution note says what the resolve said, readable: no markers, no %2520 keys", async () => {
    const opened = await ingestAndDrain(bench, fire({ name: "Disk space low", deviceId: "ws-1" }));
    expect(opened.incidentKey).toContain("Disk%20space%20low");
    expect(opened.incidentKey).not.toContain("%25");
    bench.advance(16 * 60_000);
    expect(await ingestAndDrain(bench, fire())).toMatchObject({ action: "note" });
    const closed = await ingestAndDrain(
      bench,
      resolve({
        summary: "Freed 20 GB on C:",
        description: "Emptied the temp folders.\nAll good.",
      }),
    );
    expect(closed).toMatchObject({ action: "close", incidentKey: opened.incidentKey });
    const [ticket] = ticketsWith(bench, externalXRef(opened.incidentKey));
    const notes = notesOf(bench, ticket?.id ?? -1);
    const resolution = notes.find((n) => n["resolutionFlag"] === true);
    const text = String(resolution?.["text"]);
    expect(text).toContain("Freed 20 GB on C:");
    expect(text).toContain("Emptied the temp folders.\nAll good.");
    expect(text).toContain("Disk space low");
    for (const note of notes) {
      const body = String(note["text"]);
      expect(body).not.toContain("cwbridge-ref");
      expect(body).not.toContain("cwb:");
      expect(body).not.toMatch(/%2[05F]/);
    }
    bench.advance(60_000);
    expect(await ingestAndDrain(bench, fire())).toMatchObject({ action: "reopen" });
    for (const note of notesOf(bench, ticket?.id ?? -1)) {
      expect(String(note["text"])).not.toContain("cwbridge-ref");
    }
  });

  it("the ticket names the device, the customer and the mapping's site, and is on that site", async () => {
    await pushCustomers(bench.t.ctx, bench.sourceId, [{ id: "acme", name: "Acme (RMM)" }]);
    const site = bench.t.emulator
      .table("sites")
      .find((s) => refId(s["company"]) === DEMO.acmeCompanyId && s["name"] === "Warehouse");
    expect(site).toBeDefined();
    await bench.t.ctx.scope.db
      .updateTable("mappings")
      .set({ cw_site_id: site?.id ?? null })
      .where("customer_external_id", "=", "acme")
      .execute();
    const opened = await ingestAndDrain(bench, fire());
    const [ticket] = ticketsWith(bench, externalXRef(opened.incidentKey));
    expect(refId(ticket?.["site"])).toBe(site?.id);
    const description = String(
      notesOf(bench, ticket?.id ?? -1).find((n) => n["detailDescriptionFlag"] === true)?.["text"],
    );
    expect(description).toContain(`Device: ${DEMO.acmeConfigName} (ws-1)`);
    expect(description).toContain("Customer: Acme (RMM) (acme)");
    expect(description).toContain("Site: Warehouse");
    expect(description).not.toContain("src=");
  });
});
