import { describe, expect, it } from "vitest";
import { FIXTURE_NOW, call, fixtureEmulator } from "./fixture.test-suite.js";

type Row = Record<string, unknown> & { id: number };

describe("POST", () => {
  it("creates with 201, a sequential id, server defaults, _info and expanded references", async () => {
    const emulator = fixtureEmulator();
    const result = await call(emulator, "POST", "/company/companies", {
      body: {
        identifier: "Umbrella",
        name: "Umbrella Corp",
        types: [{ name: "customer" }],
        nonsense: 1,
      },
    });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({
      id: 4,
      identifier: "Umbrella",
      deletedFlag: false,
      status: {
        id: 1,
        name: "Active",
        _info: { status_href: "http://cw.emulator/v2025_1/apis/3.0/company/companies/statuses/1" },
      },
      types: [{ id: 1, name: "Customer" }],
      _info: {
        lastUpdated: FIXTURE_NOW,
        updatedBy: "fullapi",
        dateEntered: FIXTURE_NOW,
        enteredBy: "fullapi",
      },
    });
    expect(result.body).not.toHaveProperty("nonsense");
    expect(emulator.ledger.changes()).toEqual([
      expect.objectContaining({
        table: "companies",
        op: "create",
        id: 4,
        after: expect.objectContaining({ name: "Umbrella Corp" }),
      }),
    ]);
  });

  it("reports every invalid field in ConnectWise's shape", async () => {
    const emulator = fixtureEmulator();
    const result = await call(emulator, "POST", "/company/configurations", {
      body: { name: "x".repeat(101), company: { id: 999 }, activeFlag: "yes" },
    });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      code: "InvalidObject",
      message: "configuration object is invalid",
      errors: expect.arrayContaining([
        expect.objectContaining({
          code: "MaxLengthField",
          field: "name",
          resource: "configuration",
        }),
        expect.objectContaining({ code: "NullValue", field: "type" }),
        expect.objectContaining({ code: "NotFound", field: "company/id" }),
        expect.objectContaining({ code: "InvalidField", field: "activeFlag" }),
      ]),
    });
    expect(emulator.ledger.changes()).toEqual([]);
  });

  it("rejects a duplicate company identifier with ObjectExists", async () => {
    const emulator = fixtureEmulator();
    const result = await call(emulator, "POST", "/company/companies", {
      body: { identifier: "acme", name: "Again" },
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ errors: [{ code: "ObjectExists", field: "identifier" }] });
  });

  it("resolves references by identifier", async () => {
    const emulator = fixtureEmulator();
    const result = await call(emulator, "POST", "/company/configurations", {
      body: { name: "NEW-PC", type: { id: 1 }, company: { identifier: "GLOBEX" } },
    });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({
      company: { id: 2, identifier: "Globex" },
      activeFlag: true,
      status: { id: 1, name: "Active" },
    });
  });

  it("400s malformed JSON, non-object bodies, and 413s huge bodies", async () => {
    const emulator = fixtureEmulator();
    const headers = { "content-type": "application/json" };
    const bad = await call(emulator, "POST", "/company/companies", { raw: "{nope", headers });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: "InvalidObject" });
    expect((await call(emulator, "POST", "/company/companies", { body: [1, 2] })).status).toBe(400);
    expect((await call(emulator, "POST", "/company/companies", { body: "text" })).status).toBe(400);
    const huge = await call(emulator, "POST", "/company/companies", {
      raw: `{"name":"${"x".repeat(1_100_000)}"}`,
      headers,
    });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ code: "RequestTooLarge", errors: null });
  });
});

describe("PUT, PATCH, DELETE", () => {
  it("PUT replaces the whole object and needs required fields again", async () => {
    const emulator = fixtureEmulator();
    const missing = await call(emulator, "PUT", "/company/companies/1", { body: { name: "Acme" } });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ errors: [{ code: "NullValue", field: "identifier" }] });
    const result = await call(emulator, "PUT", "/company/companies/1", {
      body: { identifier: "Acme", name: "Acme 2" },
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ id: 1, name: "Acme 2" });
    expect(result.body).not.toHaveProperty("city");
  });

  it("PATCH applies add/replace/remove on top-level fields", async () => {
    const emulator = fixtureEmulator();
    const result = await call(emulator, "PATCH", "/company/companies/1", {
      body: [
        { op: "replace", path: "name", value: "Acme Renamed" },
        { op: "add", path: "/phoneNumber", value: "555" },
        { op: "remove", path: "city" },
      ],
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ name: "Acme Renamed", phoneNumber: "555" });
    expect(result.body).not.toHaveProperty("city");
    const [change] = emulator.ledger.changes();
    expect(change).toMatchObject({
      op: "update",
      before: { name: "Acme Corp" },
      after: { name: "Acme Renamed" },
    });
  });

  it.each([
    ["not an array", { op: "replace", path: "name", value: "x" }],
    ["unknown op", [{ op: "move", path: "name", value: "x" }]],
    ["wrong case path", [{ op: "replace", path: "Name", value: "x" }]],
    ["nested path into a plain field", [{ op: "replace", path: "name/id", value: 1 }]],
    ["deep path", [{ op: "replace", path: "status/id/x", value: 1 }]],
    [
      "reference key that is not id, name or identifier",
      [{ op: "replace", path: "status/x", value: 1 }],
    ],
    ["missing value", [{ op: "replace", path: "name" }]],
    ["removing a required field", [{ op: "remove", path: "name" }]],
  ])("PATCH 400: %s", async (_, body) => {
    const emulator = fixtureEmulator();
    const result = await call(emulator, "PATCH", "/company/companies/1", { body });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ code: "InvalidObject" });
    expect(emulator.ledger.changes()).toEqual([]);
  });

  it("DELETE answers 204 and the record is gone", async () => {
    const emulator = fixtureEmulator();
    const result = await call(emulator, "DELETE", "/company/configurations/3");
    expect(result.status).toBe(204);
    expect(result.text).toBe("");
    expect((await call(emulator, "GET", "/company/configurations/3")).status).toBe(404);
    expect(emulator.table("configurations").map((r) => r.id)).toEqual([1, 2]);
  });
});

describe("tickets", () => {
  it("fills board, status, priority, severity and impact defaults and writes the first note", async () => {
    const emulator = fixtureEmulator();
    const result = await call(emulator, "POST", "/service/tickets", {
      body: {
        summary: "New laptop",
        company: { id: 1 },
        initialDescription: "Please order one",
        skipCallback: false,
      },
    });
    expect(result.status).toBe(201);
    const ticket = result.body as Row;
    expect(ticket).toMatchObject({
      id: 102,
      board: { id: 1 },
      status: { id: 1, name: "New" },
      priority: { id: 2, name: "Medium" },
      severity: "Medium",
      impact: "Medium",
      closedFlag: false,
      recordType: "ServiceTicket",
    });
    expect(ticket).not.toHaveProperty("initialDescription");
    const notes = await call(emulator, "GET", "/service/tickets/102/notes");
    expect(notes.body).toEqual([
      expect.objectContaining({
        ticketId: 102,
        text: "Please order one",
        detailDescriptionFlag: true,
        dateCreated: FIXTURE_NOW,
        createdBy: "fullapi",
      }),
    ]);
  });

  it("enforces board rules for status and type", async () => {
    const emulator = fixtureEmulator();
    const result = await call(emulator, "POST", "/service/tickets", {
      body: {
        summary: "x",
        company: { id: 1 },
        board: { id: 1 },
        status: { id: 3 },
        type: { id: 2 },
      },
    });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      code: "InvalidObject",
      message: "ticket object is invalid",
      errors: [
        {
          code: "NotFound",
          message: "Service Status 3 not found for Service Board 1",
          resource: "ticket",
          field: "status/id",
        },
        {
          code: "NotFound",
          message: "Service Type 2 not found for Service Board 1",
          resource: "ticket",
          field: "type/id",
        },
      ],
    });
    const unknown = await call(emulator, "PATCH", "/service/tickets/100", {
      body: [{ op: "replace", path: "status", value: { id: 17 } }],
    });
    expect(unknown.body).toMatchObject({
      errors: [{ message: "Service Status 17 not found for Service Board 1", field: "status/id" }],
    });
  });

  it("resolves status and type names within the ticket's board", async () => {
    const emulator = fixtureEmulator();
    const result = await call(emulator, "POST", "/service/tickets", {
      body: {
        summary: "x",
        company: { id: 1 },
        board: { name: "alerts" },
        status: { name: "new" },
        type: { name: "Alert" },
      },
    });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ board: { id: 2 }, status: { id: 3 }, type: { id: 2 } });
  });

  it("closes via a closedStatus status and reopens", async () => {
    const emulator = fixtureEmulator();
    const closed = await call(emulator, "PATCH", "/service/tickets/100", {
      body: [{ op: "replace", path: "status", value: { id: 2 } }],
    });
    expect(closed.body).toMatchObject({
      closedFlag: true,
      closedDate: FIXTURE_NOW,
      closedBy: "fullapi",
      status: { id: 2, name: "Closed" },
    });
    expect((closed.body as Row)["_info"]).toMatchObject({ lastUpdated: FIXTURE_NOW });
    const reopened = await call(emulator, "PATCH", "/service/tickets/100", {
      body: [{ op: "replace", path: "status", value: { name: "New" } }],
    });
    expect(reopened.body).toMatchObject({ closedFlag: false, status: { id: 1 } });
    expect(reopened.body).not.toHaveProperty("closedDate");
  });

  it("requires severity and impact on PUT", async () => {
    const emulator = fixtureEmulator();
    const result = await call(emulator, "PUT", "/service/tickets/100", {
      body: { summary: "s", company: { id: 1 } },
    });
    expect(result.status).toBe(400);
    expect((result.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      "severity",
      "impact",
    ]);
  });

  it("links configurations to tickets", async () => {
    const emulator = fixtureEmulator();
    const linked = await call(emulator, "POST", "/service/tickets/100/configurations", {
      body: { id: 1 },
    });
    expect(linked.status).toBe(201);
    expect(linked.body).toMatchObject({
      id: 1,
      deviceIdentifier: "rmm-1",
      _info: { configuration_href: expect.stringContaining("/company/configurations/1") },
    });
    expect(
      (await call(emulator, "POST", "/service/tickets/100/configurations", { body: { id: 1 } }))
        .status,
    ).toBe(400);
    expect(
      (await call(emulator, "POST", "/service/tickets/100/configurations", { body: { id: 99 } }))
        .status,
    ).toBe(400);
    expect((await call(emulator, "GET", "/service/tickets/100/configurations/count")).body).toEqual(
      { count: 1 },
    );
    expect((await call(emulator, "DELETE", "/service/tickets/100/configurations/1")).status).toBe(
      204,
    );
    expect((await call(emulator, "GET", "/service/tickets/100/configurations")).body).toEqual([]);
  });

  it("stamps notes with dateCreated/createdBy", async () => {
    const emulator = fixtureEmulator();
    const note = await call(emulator, "POST", "/service/tickets/100/notes", {
      key: "noclose",
      body: { text: "Called", resolutionFlag: true },
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({
      ticketId: 100,
      text: "Called",
      resolutionFlag: true,
      internalAnalysisFlag: false,
      createdBy: "jdoe",
    });
    expect(
      (await call(emulator, "POST", "/service/tickets/999/notes", { body: { text: "x" } })).status,
    ).toBe(404);
  });
});

describe("billing and time", () => {
  it("computes addition prices from the catalog item", async () => {
    const emulator = fixtureEmulator();
    const result = await call(emulator, "POST", "/finance/agreements/1/additions", {
      body: {
        product: { identifier: "AV-SEAT" },
        billCustomer: "Billable",
        quantity: 12,
        lessIncluded: 2,
      },
    });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({
      agreementId: 1,
      unitPrice: 5,
      unitCost: 2,
      extPrice: 50,
      extCost: 20,
      margin: 30,
      description: "Antivirus seat",
    });
    const patched = await call(
      emulator,
      "PATCH",
      `/finance/agreements/1/additions/${(result.body as Row).id}`,
      {
        body: [{ op: "replace", path: "quantity", value: 42 }],
      },
    );
    expect(patched.body).toMatchObject({ quantity: 42, extPrice: 200 });
  });

  it("charges time to a ticket", async () => {
    const emulator = fixtureEmulator();
    const result = await call(emulator, "POST", "/time/entries", {
      key: "noclose",
      body: {
        chargeToId: 100,
        chargeToType: "ServiceTicket",
        timeStart: "2025-06-01T10:00:00Z",
        timeEnd: "2025-06-01T11:30:00Z",
      },
    });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({
      actualHours: 1.5,
      company: { id: 1 },
      member: { id: 20 },
      billableOption: "Billable",
      ticket: { id: 100 },
    });
    const bad = await call(emulator, "POST", "/time/entries", {
      body: { chargeToId: 555, timeStart: "2025-06-01T10:00:00Z" },
    });
    expect(bad.body).toMatchObject({ errors: [{ code: "NotFound", field: "chargeToId" }] });
  });
});
