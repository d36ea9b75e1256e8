/**
 * Tenant isolation of the inventory tables: tenant B sees none of tenant A's members, contacts
 * or reports, cannot refresh A's connection, and an upsert through B's handle of a row with
 * A's key leaves A's row as it was (the `on conflict` is guarded by the tenant).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../app/testing/test-app.js";
import type { AppContext } from "../../core/context.js";
import { callUseCase } from "../../core/use-case.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { inventoryFeature } from "./feature.js";
import { upsertContacts, upsertMembers } from "./repository.js";
import { streamContacts, streamMembers } from "./stream.js";
import { mapCompanies, refreshViaQueue } from "./testing/inventory-fixtures.js";

const cases = inventoryFeature.useCases;

async function count<T>(rows: AsyncIterable<T>): Promise<number> {
  let n = 0;
  for await (const _ of rows) n += 1;
  return n;
}

describe.each(TEST_DIALECTS)("inventory tenant isolation (%s)", (dialect) => {
  let t: TestApp;
  let a: AppContext;
  let b: AppContext;

  beforeAll(async () => {
    t = await createTestApp({ dialect, handlers: inventoryFeature.jobHandlers });
    await t.engine.start({ concurrency: 2 });
    a = t.ctx;
    b = t.engine.forTenant("b");
    await mapCompanies(t, ["AcmeCorp"]);
    await refreshViaQueue(t);
  });
  afterAll(() => t.close());

  it("B lists nothing of A's", async () => {
    expect(await count(streamMembers(a, {}))).toBe(5);
    expect(await count(streamContacts(a, {}))).toBeGreaterThan(0);
    expect(await count(streamMembers(b, {}))).toBe(0);
    expect(await count(streamContacts(b, { includeDeleted: true }))).toBe(0);
    expect((await callUseCase(b, cases.members, {})).items).toEqual([]);
    expect((await callUseCase(b, cases.contacts, { company: "AcmeCorp" })).items).toEqual([]);
    expect((await callUseCase(b, cases.status, {})).reports).toEqual([]);
  });

  it("B cannot refresh A's connection", async () => {
    await expect(
      callUseCase(b, cases.refresh, { connectionId: t.connectionId }),
    ).rejects.toMatchObject({ code: "CWB_ERR_INVENTORY_NOT_FOUND" });
    expect((await callUseCase(b, cases.refresh, {})).jobs).toEqual([]);
  });

  it("an upsert through B's handle never overwrites A's row with the same key", async () => {
    const [contact] = (await callUseCase(a, cases.contacts, { limit: 1 })).items;
    const [member] = (await callUseCase(a, cases.members, { limit: 1 })).items;
    if (contact === undefined || member === undefined) throw new Error("no rows");
    const now = new Date().toISOString();
    await upsertContacts(b.scope.db, [
      {
        connection_id: t.connectionId,
        cw_id: contact.id,
        company_id: contact.companyId,
        company_identifier: "Evil",
        company_name: "Evil",
        first_name: "Evil",
        last_name: "Evil",
        title: null,
        email: "evil@example.com",
        phone: null,
        cw_last_updated: now,
        seen_at: now,
        updated_at: now,
      },
    ]).catch(() => undefined);
    await upsertMembers(b.scope.db, [
      {
        connection_id: t.connectionId,
        cw_id: member.id,
        identifier: "evil",
        first_name: "Evil",
        last_name: "Evil",
        title: null,
        email: null,
        phone: null,
        license_class: null,
        cw_last_updated: now,
        seen_at: now,
        updated_at: now,
      },
    ]).catch(() => undefined);
    const [again] = (await callUseCase(a, cases.contacts, { limit: 1 })).items;
    const [memberAgain] = (await callUseCase(a, cases.members, { limit: 1 })).items;
    expect(again).toEqual(contact);
    expect(memberAgain).toEqual(member);
    expect(await count(streamContacts(b, {}))).toBe(0);
  });
});
