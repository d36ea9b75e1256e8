/**
 * The user inventory against the emulator, on both dialects: a first refresh (through the
 * queue) reads every member and the mapped companies' contacts with their e-mail and phone;
 * a later one reads only what changed (`_info/lastUpdated`), picks up a renamed and a
 * deactivated contact, notices a deleted one through the recount, and a `full` pass
 * reconciles; unmapped companies' contacts are never read.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "@cwbridge/connectwise-emulator";
import { createTestApp, type TestApp } from "../../app/testing/test-app.js";
import { callUseCase } from "../../core/use-case.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { mapCustomer, pushCustomers, unmapCustomer } from "../customers/index.js";
import { addSource } from "../sources/index.js";
import { inventoryFeature } from "./feature.js";
import { streamContacts, streamMembers } from "./stream.js";
import { emulatorRequest, mapCompanies, refreshViaQueue } from "./testing/inventory-fixtures.js";

const cases = inventoryFeature.useCases;

async function all<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

function companyId(emulator: Emulator, identifier: string): number {
  const company = emulator.table("companies").find((c) => c["identifier"] === identifier);
  return company?.["id"] as number;
}

describe.each(TEST_DIALECTS)("inventory refresh (%s)", (dialect) => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp({ dialect, handlers: inventoryFeature.jobHandlers });
    await t.engine.start({ concurrency: 2 });
  });
  afterEach(() => t.close());

  it("reads members and the mapped companies' contacts, then only what changed", async () => {
    await mapCompanies(t, ["AcmeCorp"]);
    const acme = companyId(t.emulator, "AcmeCorp");
    const seeded = t.emulator
      .table("contacts")
      .filter((c) => (c["company"] as { id: number }).id === acme);
    expect(seeded.length).toBeGreaterThanOrEqual(3);

    const first = await refreshViaQueue(t);
    expect(first.members).toMatchObject({ mode: "full", read: 5, deleted: 0 });
    expect(first.contacts).toMatchObject({ mode: "full", read: seeded.length, companies: 1 });

    const members = await all(streamMembers(t.ctx, {}));
    expect(members.map((m) => m.identifier)).toContain("dadams");
    expect(members.find((m) => m.identifier === "tformer")?.inactive).toBe(true);
    expect(members.find((m) => m.identifier === "dadams")).toMatchObject({
      email: "dadams@northwind-msp.example",
      inactive: false,
    });
    const contacts = await all(streamContacts(t.ctx, {}));
    expect(contacts).toHaveLength(seeded.length);
    expect(new Set(contacts.map((c) => c.companyId))).toEqual(new Set([acme]));
    const items = seeded[0]?.["communicationItems"] as {
      value: string;
      communicationType: string;
    }[];
    expect(contacts[0]).toMatchObject({
      companyIdentifier: "AcmeCorp",
      email: items.find((i) => i.communicationType === "Email")?.value,
      phone: items.find((i) => i.communicationType === "Phone")?.value,
      inactive: false,
    });

    // A technician renames one contact, deactivates another and deletes a third.
    const [renamed, deactivated, deleted] = seeded.map((c) => c["id"]);
    await emulatorRequest(t.emulator, "PATCH", `/company/contacts/${renamed}`, [
      { op: "replace", path: "firstName", value: "Renamed" },
    ]);
    await emulatorRequest(t.emulator, "PATCH", `/company/contacts/${deactivated}`, [
      { op: "replace", path: "inactiveFlag", value: true },
    ]);
    await emulatorRequest(t.emulator, "DELETE", `/company/contacts/${deleted}`);
    t.emulator.ledger.clear();

    const second = await refreshViaQueue(t);
    expect(second.members).toMatchObject({ mode: "incremental", deleted: 0, reconciled: 0 });
    expect(second.contacts).toMatchObject({ mode: "incremental", deleted: 1, reconciled: 1 });
    const reads = t.emulator.ledger
      .requests()
      .filter((r) => r.method === "GET" && !r.path.endsWith("/count"))
      .map((r) => r.query["conditions"] ?? "");
    expect(reads.some((c) => /lastUpdated >= \[/.test(c))).toBe(true);

    const after = await all(streamContacts(t.ctx, {}));
    expect(after.find((c) => c.id === renamed)?.firstName).toBe("Renamed");
    expect(after.find((c) => c.id === deactivated)?.inactive).toBe(true);
    expect(after.find((c) => c.id === deleted)).toBeUndefined();
    const withDeleted = await all(streamContacts(t.ctx, { includeDeleted: true }));
    expect(withDeleted.find((c) => c.id === deleted)?.deleted).toBe(true);

    // Nothing changed: the incremental run reads no contact in full again.
    const third = await refreshViaQueue(t);
    expect(third.contacts).toMatchObject({ mode: "incremental", deleted: 0, reconciled: 0 });

    const full = await refreshViaQueue(t, true);
    expect(full.contacts).toMatchObject({ mode: "full", read: seeded.length - 1, deleted: 0 });
    expect(full.members).toMatchObject({ mode: "full", read: 5 });
  });

  it("a company mapped later is read in full; an unmapped one's contacts are dropped", async () => {
    await mapCompanies(t, ["AcmeCorp"]);
    await refreshViaQueue(t);
    const { source } = await addSource(t.ctx, { name: "second", connectionId: t.connectionId });
    const globex = String(t.emulator.table("companies")[2]?.["identifier"]);
    await pushCustomers(t.ctx, source.id, [{ id: "g", name: globex }]);
    await mapCustomer(t.ctx, source.id, "g", { companyIdentifier: globex });
    const report = await refreshViaQueue(t);
    const globexContacts = t.emulator
      .table("contacts")
      .filter((c) => (c["company"] as { id: number }).id === companyId(t.emulator, globex));
    expect(report.contacts.mode).toBe("incremental");
    expect(report.contacts.companies).toBe(2);
    const stored = await all(streamContacts(t.ctx, { company: globex }));
    expect(stored).toHaveLength(globexContacts.length);

    await unmapCustomer(t.ctx, source.id, "g");
    const unmapped = await refreshViaQueue(t);
    expect(unmapped.contacts).toMatchObject({ companies: 1, unmapped: globexContacts.length });
    expect(await all(streamContacts(t.ctx, { company: globex }))).toEqual([]);
  });

  it("bad input is refused with the feature's code and changes nothing", async () => {
    await expect(callUseCase(t.ctx, cases.contacts, { limit: 0 })).rejects.toMatchObject({
      code: "CWB_ERR_INVENTORY_INVALID",
    });
    await expect(callUseCase(t.ctx, cases.contacts, { company: "a\u0000b" })).rejects.toMatchObject(
      { code: "CWB_ERR_INVENTORY_INVALID" },
    );
    await expect(callUseCase(t.ctx, cases.refresh, { connectionId: "nope" })).rejects.toMatchObject(
      { code: "CWB_ERR_INVENTORY_NOT_FOUND" },
    );
    expect((await t.ctx.queue.stats()).pending).toBe(0);
  });
});
