/**
 * Contract: create/update flows written the way ConnectWise's documentation and the community
 * modules (PowerShell ConnectWiseManageAPI, connectpyse, node connectwise-rest) write them work
 * against the emulator: references by id or by name/identifier, a company's first site by
 * name, board-scoped ticket statuses, JSON-patch paths like `/status/id`, PUT full replace.
 */
import { describe, expect, it } from "vitest";
import { createEmulator, type Emulator } from "../src/index.js";
import { call } from "./support/api.js";

type Row = Record<string, unknown> & { id: number };

function demo(): Emulator {
  return createEmulator({ seed: "demo", clock: { now: () => new Date("2025-06-01T12:00:00Z") } });
}

const refId = (value: unknown): unknown => (value as { id?: unknown } | undefined)?.id;

describe("companies (New-CWMCompany / connectpyse CompanyAPI.create_company)", () => {
  it("creates the company's own first site from site: {name} and the address fields", async () => {
    const cw = demo();
    const sitesBefore = cw.table("sites").length;
    const created = await call(cw, "POST", "/company/companies", {
      body: {
        identifier: "NewCo",
        name: "New Co",
        addressLine1: "1 Main St",
        city: "Tampa",
        state: "FL",
        zip: "33602",
        site: { name: "Main" },
        status: { id: 1 },
        types: [{ id: 1 }],
      },
    });
    expect(created.status).toBe(201);
    const company = created.json as Row;
    const site = cw.table("sites").find((row) => row.id === refId(company["site"]));
    expect(site).toMatchObject({
      name: "Main",
      addressLine1: "1 Main St",
      city: "Tampa",
      zip: "33602",
      primaryAddressFlag: true,
      company: { id: company.id },
    });
    expect(cw.table("sites")).toHaveLength(sitesBefore + 1);
    expect(company["site"]).toMatchObject({ id: site?.id, name: "Main" });
    const listed = await call(cw, "GET", `/company/companies/${company.id}/sites`);
    expect((listed.json as Row[]).map((row) => row["name"])).toEqual(["Main"]);
  });

  it("never links a new company to another company's site of the same name", async () => {
    const cw = demo();
    const foreign = cw.table("sites").find((row) => row["name"] === "Main Office");
    expect(foreign).toBeDefined();
    const created = await call(cw, "POST", "/company/companies", {
      body: { identifier: "Other", name: "Other Ltd", site: { name: "Main Office" } },
    });
    expect(created.status).toBe(201);
    const site = (created.json as Row)["site"];
    expect(refId(site)).not.toBe(foreign?.id);
    const own = cw.table("sites").find((row) => row.id === refId(site));
    expect(own).toMatchObject({ name: "Main Office", company: { id: (created.json as Row).id } });
  });

  it("refuses site: {id} of another company, on create and on update, and changes nothing", async () => {
    const cw = demo();
    const foreign = cw.table("sites")[0] as Row;
    const onCreate = await call(cw, "POST", "/company/companies", {
      body: { identifier: "Thief", name: "Thief Inc", site: { id: foreign.id } },
    });
    expect(onCreate.status).toBe(400);
    expect(onCreate.json).toMatchObject({
      code: "InvalidObject",
      errors: [expect.objectContaining({ code: "NotFound", field: "site/id" })],
    });
    const other = cw
      .table("companies")
      .find((row) => refId(row["site"]) !== undefined && refId(row["site"]) !== foreign.id) as Row;
    const onPatch = await call(cw, "PATCH", `/company/companies/${other.id}`, {
      body: [{ op: "replace", path: "/site/id", value: foreign.id }],
    });
    expect(onPatch.status).toBe(400);
    expect(cw.ledger.changes()).toEqual([]);
  });

  it("accepts the company's own site by id or name on PATCH", async () => {
    const cw = demo();
    const acme = cw.table("companies").find((row) => row["identifier"] === "AcmeCorp") as Row;
    const sites = cw.table("sites").filter((row) => refId(row["company"]) === acme.id);
    expect(sites.length).toBeGreaterThan(1);
    const second = sites[1] as Row;
    const byName = await call(cw, "PATCH", `/company/companies/${acme.id}`, {
      body: [{ op: "replace", path: "site", value: { name: second["name"] } }],
    });
    expect(byName.status).toBe(200);
    expect(refId((byName.json as Row)["site"])).toBe(second.id);
  });
});

describe("contacts and configurations (New-CWMContact / New-CWMConfiguration)", () => {
  it("contact: company by identifier, site by name within that company", async () => {
    const cw = demo();
    const acme = cw.table("companies").find((row) => row["identifier"] === "AcmeCorp") as Row;
    const created = await call(cw, "POST", "/company/contacts", {
      body: {
        firstName: "Ada",
        lastName: "Lovelace",
        company: { identifier: "AcmeCorp" },
        site: { name: "Main Office" },
      },
    });
    expect(created.status).toBe(201);
    const contact = created.json as Row;
    expect(contact["company"]).toMatchObject({ id: acme.id, identifier: "AcmeCorp" });
    const site = cw.table("sites").find((row) => row.id === refId(contact["site"]));
    expect(site).toMatchObject({ name: "Main Office", company: { id: acme.id } });
  });

  it("configuration: type by name, company by identifier; PUT replaces the whole record", async () => {
    const cw = demo();
    const created = await call(cw, "POST", "/company/configurations", {
      body: {
        name: "NEW-WS-01",
        type: { name: "Managed Workstation" },
        company: { identifier: "Globex" },
        serialNumber: "SN-1",
      },
    });
    expect(created.status).toBe(201);
    const row = created.json as Row;
    expect(row["type"]).toMatchObject({ name: "Managed Workstation" });
    expect(row["activeFlag"]).toBe(true);
    const replaced = await call(cw, "PUT", `/company/configurations/${row.id}`, {
      body: {
        name: "NEW-WS-01",
        type: { name: "Managed Server" },
        company: { id: refId(row["company"]) },
      },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.json).toMatchObject({ type: { name: "Managed Server" } });
    expect(replaced.json).not.toHaveProperty("serialNumber");
  });

  it("configuration PATCH replace /type/name and /status/id", async () => {
    const cw = demo();
    const config = cw.table("configurations")[0] as Row;
    const retired = cw
      .table("configurationStatuses")
      .find((row) => row["description"] === "Inactive") as Row;
    const patched = await call(cw, "PATCH", `/company/configurations/${config.id}`, {
      body: [
        { op: "replace", path: "/type/name", value: "Printer" },
        { op: "replace", path: "status/id", value: retired.id },
      ],
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ type: { name: "Printer" }, status: { id: retired.id } });
  });
});

describe("tickets (New-CWMTicket / connectwise-rest ServiceAPI)", () => {
  it("board by name, company by identifier, status by name of that board", async () => {
    const cw = demo();
    const created = await call(cw, "POST", "/service/tickets", {
      body: {
        summary: "Printer jam",
        board: { name: "Monitoring Alerts" },
        company: { identifier: "AcmeCorp" },
        status: { name: "New" },
        type: { name: "Alert" },
        initialDescription: "Tray 2",
      },
    });
    expect(created.status).toBe(201);
    const ticket = created.json as Row;
    const status = cw.table("boardStatuses").find((row) => row.id === refId(ticket["status"]));
    expect(status).toMatchObject({ name: "New", board: { id: refId(ticket["board"]) } });
    expect(ticket["board"]).toMatchObject({ name: "Monitoring Alerts" });
  });

  it("status by name without a board uses the member's default board's status", async () => {
    const cw = demo();
    const created = await call(cw, "POST", "/service/tickets", {
      key: "cwbridge",
      body: { summary: "No board given", company: { id: 2 }, status: { name: "Closed" } },
    });
    expect(created.status).toBe(201);
    const ticket = created.json as Row;
    const status = cw.table("boardStatuses").find((row) => row.id === refId(ticket["status"]));
    expect(refId(status?.["board"])).toBe(refId(ticket["board"]));
    expect(ticket["closedFlag"]).toBe(true);
  });

  it("PATCH /status/id to another board's status is refused; the board's own closes it", async () => {
    const cw = demo();
    const created = await call(cw, "POST", "/service/tickets", {
      body: { summary: "Disk", board: { id: 1 }, company: { identifier: "AcmeCorp" } },
    });
    const ticket = created.json as Row;
    const statuses = cw.table("boardStatuses");
    const foreign = statuses.find((row) => refId(row["board"]) === 2 && row["name"] === "Closed");
    const own = statuses.find((row) => refId(row["board"]) === 1 && row["name"] === "Closed");
    const wrong = await call(cw, "PATCH", `/service/tickets/${ticket.id}`, {
      body: [{ op: "replace", path: "/status/id", value: foreign?.id }],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({
      errors: [
        expect.objectContaining({
          message: `Service Status ${String(foreign?.id)} not found for Service Board 1`,
        }),
      ],
    });
    const right = await call(cw, "PATCH", `/service/tickets/${ticket.id}`, {
      body: [{ op: "replace", path: "/status/name", value: "Closed" }],
    });
    expect(right.status).toBe(200);
    expect(right.json).toMatchObject({ status: { id: own?.id }, closedFlag: true });
  });

  it("ticket site by name is the company's site, never another company's", async () => {
    const cw = demo();
    const globex = cw.table("companies").find((row) => row["identifier"] === "Globex") as Row;
    const created = await call(cw, "POST", "/service/tickets", {
      body: { summary: "x", company: { id: globex.id }, site: { name: "Main Office" } },
    });
    expect(created.status).toBe(201);
    const site = cw.table("sites").find((row) => row.id === refId((created.json as Row)["site"]));
    expect(refId(site?.["company"])).toBe(globex.id);
  });

  it("a note and a time entry on the ticket (New-CWMTicketNote / New-CWMTimeEntry)", async () => {
    const cw = demo();
    const ticket = (
      await call(cw, "POST", "/service/tickets", {
        body: { summary: "Time", company: { identifier: "AcmeCorp" } },
      })
    ).json as Row;
    const note = await call(cw, "POST", `/service/tickets/${ticket.id}/notes`, {
      body: { text: "Called the user", detailDescriptionFlag: true },
    });
    expect(note.status).toBe(201);
    const time = await call(cw, "POST", "/time/entries", {
      body: {
        chargeToId: ticket.id,
        chargeToType: "ServiceTicket",
        member: { identifier: "dadams" },
        timeStart: "2025-06-01T10:00:00Z",
        timeEnd: "2025-06-01T10:30:00Z",
        notes: "Fixed",
      },
    });
    expect(time.status).toBe(201);
    expect(time.json).toMatchObject({ member: { identifier: "dadams" } });
  });
});

describe("billing and callbacks (New-CWMAgreement, New-CWMAgreementAddition, New-CWMCallback)", () => {
  it("agreement by type name and company identifier; addition by product identifier; PATCH quantity", async () => {
    const cw = demo();
    const acme = cw.table("companies").find((row) => row["identifier"] === "AcmeCorp") as Row;
    const contact = cw.table("contacts").find((row) => refId(row["company"]) === acme.id) as Row;
    const agreement = await call(cw, "POST", "/finance/agreements", {
      body: {
        name: "Acme Backup",
        type: { name: "Managed Services" },
        company: { identifier: "AcmeCorp" },
        contact: { id: contact.id },
        site: { name: "Main Office" },
        startDate: "2025-06-01T00:00:00Z",
      },
    });
    expect(agreement.status).toBe(201);
    const agreementRow = agreement.json as Row;
    const site = cw.table("sites").find((row) => row.id === refId(agreementRow["site"]));
    expect(refId(site?.["company"])).toBe(acme.id);
    const product = cw.table("catalogItems")[0] as Row;
    const addition = await call(cw, "POST", `/finance/agreements/${agreementRow.id}/additions`, {
      body: {
        product: { identifier: product["identifier"] },
        quantity: 10,
        lessIncluded: 2,
        unitPrice: 5,
        billCustomer: "Billable",
        effectiveDate: "2025-06-01T00:00:00Z",
      },
    });
    expect(addition.status).toBe(201);
    expect(addition.json).toMatchObject({ quantity: 10, extPrice: 40 });
    const additionId = (addition.json as Row).id;
    const patched = await call(
      cw,
      "PATCH",
      `/finance/agreements/${agreementRow.id}/additions/${additionId}`,
      { body: [{ op: "replace", path: "quantity", value: 12 }] },
    );
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ quantity: 12, extPrice: 50 });
  });

  it("registers a callback as New-CWMCallback writes it", async () => {
    const cw = demo();
    const callback = await call(cw, "POST", "/system/callbacks", {
      body: {
        url: "https://vendor.example/cw?recordId=",
        objectId: 1,
        type: "ticket",
        level: "owner",
        description: "vendor",
        isSelfSuppressedFlag: true,
      },
    });
    expect(callback.status).toBe(201);
    expect(callback.json).toMatchObject({
      type: "ticket",
      level: "owner",
      isSelfSuppressedFlag: true,
    });
  });
});
