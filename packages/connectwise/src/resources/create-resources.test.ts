import { describe, expect, it, vi } from "vitest";
import { and, eq, isIn } from "../conditions/build.js";
import { ConnectWiseNotFoundError } from "../errors.js";
import { createValidator } from "../schemas/validator.js";
import { createResources } from "./create-resources.js";
import { ConnectWiseArgumentError } from "./errors.js";
import { recordingCore, type Responder } from "./recording-core.test-suite.js";

describe("collection operations", () => {
  it("list sends one page with filters, page, pageSize and joined fields", async () => {
    const { core, calls } = recordingCore();
    const { tickets } = createResources(core);
    const controller = new AbortController();
    const rows = await tickets.list({
      conditions: "closedFlag = false",
      orderBy: "id desc",
      fields: ["id", "summary"],
      page: 2,
      pageSize: 50,
      signal: controller.signal,
      priority: "high",
    });
    expect(rows).toEqual([{ id: 1 }]);
    expect(calls).toEqual([
      {
        kind: "request",
        method: "GET",
        path: "/service/tickets",
        options: {
          signal: controller.signal,
          priority: "high",
          query: {
            conditions: "closedFlag = false",
            childConditions: undefined,
            customFieldConditions: undefined,
            orderBy: "id desc",
            fields: "id,summary",
            page: 2,
            pageSize: 50,
          },
        },
      },
    ]);
  });

  it("get / create / update / patch / delete use the record path and body", async () => {
    const { core, calls } = recordingCore();
    const { tickets } = createResources(core);
    await expect(tickets.get(9001, { fields: "id,status/name" })).resolves.toEqual({ id: 9001 });
    const created = await tickets.create({ summary: "Disk full", company: { id: 250 } });
    expect(created).toEqual({ id: 99, summary: "Disk full", company: { id: 250 } });
    await tickets.update(9001, { summary: "Disk full", company: { identifier: "AcmeCorp" } });
    await tickets.patch(9001, [{ op: "replace", path: "status", value: { id: 19 } }]);
    await expect(tickets.delete(9001)).resolves.toBeUndefined();
    expect(calls.map((c) => [c.method, c.path, (c.options as { body?: unknown }).body])).toEqual([
      ["GET", "/service/tickets/9001", undefined],
      ["POST", "/service/tickets", { summary: "Disk full", company: { id: 250 } }],
      [
        "PUT",
        "/service/tickets/9001",
        { summary: "Disk full", company: { identifier: "AcmeCorp" } },
      ],
      ["PATCH", "/service/tickets/9001", [{ op: "replace", path: "status", value: { id: 19 } }]],
      ["DELETE", "/service/tickets/9001", undefined],
    ]);
    expect((calls[0]?.options as { query: unknown }).query).toEqual({ fields: "id,status/name" });
  });

  it.each([0, -1, 1.5, Number.NaN, 2 ** 60])("rejects id %s before any request", async (id) => {
    const { core, calls } = recordingCore();
    const { tickets, companies } = createResources(core);
    await expect(tickets.get(id)).rejects.toBeInstanceOf(ConnectWiseArgumentError);
    expect(() => companies.sites(id)).toThrow(ConnectWiseArgumentError);
    expect(calls).toEqual([]);
  });

  it("iterate streams pages through core.paginate", async () => {
    const { core, calls } = recordingCore(undefined, [[{ id: 1 }, { id: 2 }], [{ id: 3 }]]);
    const { companies } = createResources(core);
    const pages: unknown[][] = [];
    for await (const page of companies.iterate({
      conditions: "deletedFlag = false",
      pageSize: 2,
    })) {
      pages.push(page);
    }
    expect(pages).toEqual([[{ id: 1 }, { id: 2 }], [{ id: 3 }]]);
    expect(calls).toEqual([
      {
        kind: "paginate",
        method: "GET",
        path: "/company/companies",
        options: { conditions: "deletedFlag = false", pageSize: 2 },
      },
    ]);
  });

  it("all collects through core.collect, applying map and limit", async () => {
    const { core, calls } = recordingCore(undefined, [[{ id: 1 }, { id: 2 }, { id: 3 }]]);
    const { contacts } = createResources(core);
    const ids = await contacts.all({ map: (c) => c.id, limit: 2 });
    expect(ids).toEqual([1, 2]);
    expect(calls[0]).toMatchObject({
      kind: "collect",
      path: "/company/contacts",
      options: { limit: 2 },
    });
  });

  it("count uses core.count on the collection path", async () => {
    const { core, calls } = recordingCore();
    const { configurations } = createResources(core);
    await expect(configurations.count({ conditions: eq("type/id", 12) })).resolves.toBe(3);
    expect(calls[0]?.path).toBe("/company/configurations/count");
  });
});

describe("tickets", () => {
  it("search POSTs a FilterValues body (printed conditions, lower-case child names), idempotent", async () => {
    const { core, calls } = recordingCore();
    const { tickets } = createResources(core);
    await tickets.search({
      conditions: and(eq("board/id", 1), isIn("status/id", [16, 17])),
      childConditions: 'communicationItems/value like "jane@%"',
      orderBy: "id desc",
      page: 1,
      pageSize: 100,
    });
    expect(calls).toEqual([
      {
        kind: "request",
        method: "POST",
        path: "/service/tickets/search",
        options: {
          idempotent: true,
          query: { page: 1, pageSize: 100 },
          body: {
            conditions: "board/id = 1 and status/id in (16, 17)",
            orderBy: "id desc",
            childconditions: 'communicationItems/value like "jane@%"',
          },
        },
      },
    ]);
  });

  it("links and unlinks configurations, and writes notes", async () => {
    const { core, calls } = recordingCore();
    const { tickets } = createResources(core);
    await expect(tickets.configurations(9001).add(5123)).resolves.toEqual({ id: 5123 });
    await tickets.configurations(9001).remove(5123);
    await tickets.notes(9001).create({ text: "Approved by J. Smith", resolutionFlag: true });
    expect(calls.map((c) => [c.method, c.path, (c.options as { body?: unknown }).body])).toEqual([
      ["POST", "/service/tickets/9001/configurations", { id: 5123 }],
      ["DELETE", "/service/tickets/9001/configurations/5123", undefined],
      [
        "POST",
        "/service/tickets/9001/notes",
        { text: "Approved by J. Smith", resolutionFlag: true },
      ],
    ]);
  });
});

describe("system", () => {
  const respondWith =
    (data: unknown): Responder =>
    () =>
      data;

  it.each([
    ["an object", { id: 177, identifier: "api-cwbridge" }],
    ["an array", [{ id: 177, identifier: "api-cwbridge" }]],
  ])("myMember accepts %s", async (_label, data) => {
    const { core, calls } = recordingCore(respondWith(data));
    const member = await createResources(core).system.myMember();
    expect(member).toEqual({ id: 177, identifier: "api-cwbridge" });
    expect(calls[0]?.path).toBe("/system/myMembers");
  });

  it.each([[[]], [null]])("myMember throws NotFound on %j", async (data) => {
    const { core } = recordingCore(respondWith(data));
    await expect(createResources(core).system.myMember()).rejects.toBeInstanceOf(
      ConnectWiseNotFoundError,
    );
  });

  it("reads role settings and my rights from their paths", async () => {
    const { core, calls } = recordingCore();
    const { system } = createResources(core);
    await system.securityRoles.settings(5).all({ pageSize: 1000 });
    await system.mySecurity({ conditions: 'moduleName = "Service Desk"' });
    await system.securityRoles.list();
    expect(calls.map((c) => [c.kind, c.path])).toEqual([
      ["collect", "/system/securityRoles/5/settings"],
      ["collect", "/system/mySecurity"],
      ["request", "/system/securityroles"],
    ]);
  });
});

describe("nested collections", () => {
  it("build parent paths", async () => {
    const { core, calls } = recordingCore();
    const cw = createResources(core);
    await cw.companies.sites(250).list();
    await cw.finance.agreements
      .additions(12)
      .patch(34, [{ op: "replace", path: "quantity", value: 42 }]);
    await cw.service.boards.statuses(1).list();
    await cw.service.boards.items(1).get(3);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      "GET /company/companies/250/sites",
      "PATCH /finance/agreements/12/additions/34",
      "GET /service/boards/1/statuses",
      "GET /service/boards/1/items/3",
    ]);
  });
});

describe("validation hook", () => {
  it("is called once per entity with its schema name", async () => {
    const { core } = recordingCore(undefined, [[{ id: 1 }, { id: 2 }]]);
    const validate = vi.fn((_name: string, data: unknown) => ({
      ...(data as object),
      checked: true,
    }));
    const cw = createResources(core, { validate });
    await expect(cw.service.boards.list()).resolves.toEqual([{ id: 1, checked: true }]);
    await expect(cw.time.entries.all()).resolves.toEqual([
      { id: 1, checked: true },
      { id: 2, checked: true },
    ]);
    await cw.tickets.configurations(1).get(2);
    expect(validate.mock.calls.map(([name]) => name)).toEqual([
      "Board",
      "TimeEntry",
      "TimeEntry",
      "ConfigurationReference",
    ]);
  });

  it("with createValidator rejects an entity that breaks its schema", async () => {
    const { core } = recordingCore(() => ({ id: "not-a-number" }));
    const cw = createResources(core, { validate: createValidator() });
    await expect(cw.procurement.catalog.get(1)).rejects.toMatchObject({
      code: "CW_SCHEMA",
      schemaName: "CatalogItem",
    });
  });
});
