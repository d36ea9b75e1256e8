/**
 * Every resource facade against the demo emulator's data, with every response entity checked
 * at run time by the zod schemas (`createValidator()`), and writes confirmed in the ledger.
 */
import { describe, expect, it } from "vitest";
import { MEMBER_IDENTIFIERS } from "@cwbridge/connectwise-emulator";
import { createValidator } from "../src/schemas/index.js";
import {
  createResources,
  type ConnectWiseResources,
  type ResourceSchemaName,
} from "../src/index.js";
import { demoEmulator, emulatorClient, keysOf } from "./support/emulator-client.js";

type Emulator = ReturnType<typeof demoEmulator>;

function validatedClient(emulator: Emulator): {
  api: ConnectWiseResources;
  validated: Set<ResourceSchemaName>;
} {
  const cw = emulatorClient(emulator, { ...keysOf("admin"), throttle: { ratePerSecond: 10_000 } });
  const check = createValidator();
  const validated = new Set<ResourceSchemaName>();
  const api = createResources(cw, {
    validate: (name, data) => {
      validated.add(name);
      return check(name, data);
    },
  });
  return { api, validated };
}

const changesOf = (emulator: Emulator) =>
  emulator.ledger.changes().map((c) => `${c.op} ${c.table} ${c.id}`);

describe("resource facades on real emulator data", () => {
  it("system: info, who am I, my rights, members, API members, roles and settings, callbacks", async () => {
    const emulator = demoEmulator();
    const { api } = validatedClient(emulator);
    const { system } = api;
    expect((await system.info()).isCloud).toBe(true);
    const me = await system.myMember();
    expect(me.identifier).toBe(MEMBER_IDENTIFIERS.admin);
    expect(me.id).toBeGreaterThan(0);
    const rights = await system.mySecurity();
    expect(rights.length).toBeGreaterThan(5);
    const customize = await system.mySecurityCustomizeItems();
    expect(customize).toContainEqual(
      expect.objectContaining({
        customizeIdentifier: "SystemTableSetup",
        itemIdentifier: "Service/Service Board",
      }),
    );
    const members = await system.members.all();
    expect(members.map((m) => m.id)).toEqual(emulator.table("members").map((m) => m.id));
    expect(await system.members.count()).toBe(members.length);
    expect((await system.members.get(members[0]!.id)).identifier).toBe(members[0]!.identifier);
    let pages = 0;
    for await (const page of system.members.iterate({ pageSize: 2 }))
      pages += page.length > 0 ? 1 : 0;
    expect(pages).toBe(Math.ceil(members.length / 2));
    const apiMembers = await system.apiMembers.list();
    expect(apiMembers.map((m) => m.identifier)).toContain("cwbridge");
    expect((await system.apiMembers.get(apiMembers[0]!.id)).id).toBe(apiMembers[0]!.id);
    const roles = await system.securityRoles.all();
    expect(await system.securityRoles.count()).toBe(roles.length);
    const role = await system.securityRoles.get(roles[0]!.id);
    const settings = await system.securityRoles.settings(role.id).all();
    expect(settings.length).toBeGreaterThan(0);
    expect(settings.every((s) => typeof s.moduleFunctionName === "string")).toBe(true);

    const callback = await system.callbacks.create({
      url: "https://hooks.example/cw?recordId=",
      objectId: 1,
      type: "ticket",
      level: "owner",
      description: "resources test",
    });
    expect((await system.callbacks.list()).map((c) => c.id)).toEqual([callback.id]);
    await system.callbacks.patch(callback.id, [
      { op: "replace", path: "inactiveFlag", value: true },
    ]);
    expect((await system.callbacks.get(callback.id)).inactiveFlag).toBe(true);
    await system.callbacks.update(callback.id, {
      url: "https://hooks.example/cw?recordId=",
      objectId: 1,
      type: "ticket",
      level: "owner",
      description: "replaced",
    });
    expect((await system.callbacks.get(callback.id)).description).toBe("replaced");
    await system.callbacks.delete(callback.id);
    expect(await system.callbacks.count()).toBe(0);
    expect(changesOf(emulator)).toEqual([
      `create callbacks ${callback.id}`,
      `update callbacks ${callback.id}`,
      `update callbacks ${callback.id}`,
      `delete callbacks ${callback.id}`,
    ]);
  });

  it("companies (types, statuses, sites), contacts and configurations (types, statuses)", async () => {
    const emulator = demoEmulator();
    const { api } = validatedClient(emulator);
    const { companies, contacts, configurations } = api;
    const acme = await companies.get(250, { fields: ["id", "name", "status/name"] });
    expect(acme).toEqual({
      id: 250,
      name: "Acme Corporation",
      status: { name: expect.any(String) },
    });
    expect(await companies.count({ conditions: "id = 250" })).toBe(1);
    expect((await companies.all()).length).toBe(emulator.table("companies").length);
    expect((await companies.types.list()).length).toBe(emulator.table("companyTypes").length);
    expect((await companies.statuses.all()).length).toBe(emulator.table("companyStatuses").length);
    const type = (await companies.types.list())[0]!;
    expect((await companies.types.get(type.id)).name).toBe(type.name);
    expect(await companies.statuses.count()).toBeGreaterThan(0);

    const created = await companies.create({
      identifier: "PiedPiperX",
      name: "PiedPiperX",
      city: "Austin",
    });
    await companies.patch(created.id, [{ op: "replace", path: "city", value: "Dallas" }]);
    await companies.update(created.id, {
      identifier: "PiedPiperX",
      name: "Pied Piper Inc",
      city: "Dallas",
    });
    expect((await companies.get(created.id)).name).toBe("Pied Piper Inc");
    const sites = companies.sites(250);
    const acmeSites = await sites.list();
    expect(acmeSites.length).toBe(
      emulator.table("sites").filter((s) => (s["company"] as { id: number }).id === 250).length,
    );
    expect((await sites.get(acmeSites[0]!.id)).id).toBe(acmeSites[0]!.id);
    const site = await sites.create({ name: "Branch", city: "Springfield" });
    await sites.patch(site.id, [{ op: "replace", path: "city", value: "Shelbyville" }]);
    expect((await sites.get(site.id)).city).toBe("Shelbyville");
    await sites.delete(site.id);
    await companies.delete(created.id);

    const jane = await contacts.create({
      firstName: "Jane",
      lastName: "Roe",
      company: { id: 250 },
    });
    await contacts.patch(jane.id, [{ op: "replace", path: "title", value: "CTO" }]);
    expect((await contacts.get(jane.id)).title).toBe("CTO");
    expect(await contacts.count({ conditions: "company/id = 250" })).toBe(
      (await contacts.all({ conditions: "company/id = 250" })).length,
    );

    const device = await configurations.create({
      name: "ACME-NEW-1",
      type: { id: 1 },
      company: { id: 250 },
    });
    await configurations.patch(device.id, [{ op: "replace", path: "serialNumber", value: "SN-1" }]);
    expect((await configurations.get(device.id)).serialNumber).toBe("SN-1");
    await configurations.delete(device.id);
    expect((await configurations.types.all()).length).toBe(
      emulator.table("configurationTypes").length,
    );
    expect((await configurations.statuses.list()).length).toBe(
      emulator.table("configurationStatuses").length,
    );
    const ctype = await configurations.types.create({ name: "Firewall" });
    await configurations.types.patch(ctype.id, [
      { op: "replace", path: "inactiveFlag", value: true },
    ]);
    expect((await configurations.types.get(ctype.id)).inactiveFlag).toBe(true);
    const cstatus = await configurations.statuses.create({ description: "Retired" });
    expect((await configurations.statuses.get(cstatus.id)).description).toBe("Retired");
    expect(changesOf(emulator)).toEqual([
      `create companies ${created.id}`,
      `update companies ${created.id}`,
      `update companies ${created.id}`,
      `create sites ${site.id}`,
      `update sites ${site.id}`,
      `delete sites ${site.id}`,
      `delete companies ${created.id}`,
      `create contacts ${jane.id}`,
      `update contacts ${jane.id}`,
      `create configurations ${device.id}`,
      `update configurations ${device.id}`,
      `delete configurations ${device.id}`,
      `create configurationTypes ${ctype.id}`,
      `update configurationTypes ${ctype.id}`,
      `create configurationStatuses ${cstatus.id}`,
    ]);
  });

  it("service setup: boards and their statuses, types, subtypes, items; priorities, severities, impacts", async () => {
    const emulator = demoEmulator();
    const { api } = validatedClient(emulator);
    const { boards, priorities, severities, impacts } = api.service;
    const all = await boards.all();
    expect(all.map((b) => b.id)).toEqual(emulator.table("boards").map((b) => b.id));
    expect(await boards.count()).toBe(all.length);
    const board = await boards.get(all[0]!.id);
    const onBoard = (table: "boardStatuses" | "boardTypes" | "boardSubtypes" | "boardItems") =>
      emulator.table(table).filter((r) => (r["board"] as { id: number }).id === board.id).length;
    expect((await boards.statuses(board.id).all()).length).toBe(onBoard("boardStatuses"));
    expect((await boards.types(board.id).list()).length).toBe(onBoard("boardTypes"));
    expect(await boards.subtypes(board.id).count()).toBe(onBoard("boardSubtypes"));
    expect((await boards.items(board.id).all()).length).toBe(onBoard("boardItems"));
    const status = (await boards.statuses(board.id).list())[0]!;
    expect((await boards.statuses(board.id).get(status.id)).name).toBe(status.name);
    const subtype = (await boards.subtypes(board.id).list())[0]!;
    expect((await boards.subtypes(board.id).get(subtype.id)).id).toBe(subtype.id);
    const item = (await boards.items(board.id).list())[0]!;
    expect((await boards.items(board.id).get(item.id)).id).toBe(item.id);
    expect((await priorities.all()).length).toBe(emulator.table("priorities").length);
    expect((await severities.list()).map((s) => s.name)).toEqual(
      expect.arrayContaining(["Medium"]),
    );
    expect(await impacts.count()).toBe(emulator.table("impacts").length);
    expect((await priorities.get(1)).id).toBe(1);
  });

  it("tickets: create with first note, notes, linked configurations, search, replace, patch, delete", async () => {
    const emulator = demoEmulator();
    const { api } = validatedClient(emulator);
    const { tickets } = api;
    const ticket = await tickets.create({
      summary: "Disk full on ACME-WS-001",
      company: { id: 250 },
      initialDescription: "Reported by monitoring",
    });
    expect(ticket.board?.id).toBeGreaterThan(0);
    const notes = tickets.notes(ticket.id);
    expect((await notes.list()).map((n) => n.text)).toEqual(["Reported by monitoring"]);
    const note = await notes.create({ text: "Cleaned up", resolutionFlag: true });
    await notes.patch(note.id, [{ op: "replace", path: "text", value: "Cleaned up temp files" }]);
    expect((await notes.get(note.id)).text).toBe("Cleaned up temp files");
    expect(await notes.count()).toBe(2);

    const links = tickets.configurations(ticket.id);
    const linked = await links.add(20001);
    expect(linked.id).toBe(20001);
    expect((await links.list()).map((c) => c.id)).toEqual([20001]);
    expect((await links.get(20001)).id).toBe(20001);
    expect(await links.count()).toBe(1);
    await links.remove(20001);
    expect(await links.all()).toEqual([]);

    const open = await tickets.search({
      conditions: "closedFlag = false",
      orderBy: "id desc",
      pageSize: 50,
    });
    expect(open[0]!.id).toBe(ticket.id);
    await tickets.patch(ticket.id, [
      { op: "replace", path: "summary", value: "Disk full (patched)" },
    ]);
    const current = await tickets.get(ticket.id);
    await tickets.update(ticket.id, {
      summary: "Disk full (replaced)",
      company: { id: 250 },
      board: { id: current.board!.id! },
      // PUT is a full replace: ConnectWise requires severity and impact on updates.
      severity: "Medium",
      impact: "Low",
    });
    expect((await tickets.get(ticket.id)).summary).toBe("Disk full (replaced)");
    expect(await tickets.count({ conditions: `id = ${ticket.id}` })).toBe(1);
    await tickets.delete(ticket.id);
    expect(await tickets.count({ conditions: `id = ${ticket.id}` })).toBe(0);
    expect(
      emulator.ledger
        .changes()
        .filter((c) => c.table === "tickets")
        .map((c) => c.op),
    ).toEqual(["create", "update", "update", "delete"]);
  });

  it("time entries, agreements with additions, and the product catalog", async () => {
    const emulator = demoEmulator();
    const { api, validated } = validatedClient(emulator);
    const entry = await api.time.entries.create({
      chargeToId: 40001,
      chargeToType: "ServiceTicket",
      timeStart: "2025-06-02T14:00:00Z",
      timeEnd: "2025-06-02T15:30:00Z",
      notes: "Remote session",
    });
    await api.time.entries.patch(entry.id, [
      { op: "replace", path: "notes", value: "Remote session (edited)" },
    ]);
    expect((await api.time.entries.get(entry.id)).notes).toBe("Remote session (edited)");
    expect((await api.time.entries.all()).length).toBe(emulator.table("timeEntries").length);

    const agreements = await api.finance.agreements.all();
    expect(agreements.length).toBe(emulator.table("agreements").length);
    const agreement = await api.finance.agreements.get(agreements[0]!.id);
    const additions = api.finance.agreements.additions(agreement.id);
    const rows = await additions.list();
    expect(rows.length).toBeGreaterThan(0);
    const first = rows[0]!;
    await additions.patch(first.id, [{ op: "replace", path: "quantity", value: 42 }]);
    const updated = await additions.get(first.id);
    expect(updated.quantity).toBe(42);
    expect(updated.extPrice).toBeCloseTo(
      (42 - (updated.lessIncluded ?? 0)) * (updated.unitPrice ?? 0),
      2,
    );
    const catalog = await api.procurement.catalog.all();
    expect(catalog.length).toBe(emulator.table("catalogItems").length);
    const product = await api.procurement.catalog.get(catalog[0]!.id);
    const added = await additions.create({
      product: { id: product.id },
      quantity: 3,
      billCustomer: "Billable",
    });
    expect(added.extPrice).toBeCloseTo(3 * (product.price ?? 0), 2);
    expect(await additions.count()).toBe(rows.length + 1);
    expect(await api.procurement.catalog.count()).toBe(catalog.length);
    expect(
      validated.has("Addition") && validated.has("TimeEntry") && validated.has("CatalogItem"),
    ).toBe(true);
  });
});
