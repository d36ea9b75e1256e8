/**
 * Customer matching runs by itself (through the worker): when customers are pushed and when a
 * connection is saved; manual links and the review list stay.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestApp,
  emulatorConnectionInput,
  type TestApp,
} from "../../app/testing/test-app.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { addConnection, updateConnection } from "../connections/index.js";
import { deviceJobHandlers } from "../devices/index.js";
import { addSource } from "../sources/index.js";
import { customersFeature } from "./feature.js";
import { mapCustomer } from "./map-customer.js";
import { listMappings } from "./mapping-row.js";
import { pushCustomers } from "./push-customers.js";

describe.each(TEST_DIALECTS)("automatic customer matching (%s)", (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({
      dialect,
      handlers: { ...customersFeature.jobHandlers, ...deviceJobHandlers },
    });
    await t.engine.start({ concurrency: 2, pollMs: 10 });
  });
  afterEach(async () => {
    await t.close();
  });
  const drain = (): Promise<void> => t.ctx.queue.drain({ timeoutMs: 30_000, pollMs: 10 });

  it("a customers push is matched by the worker; manual links and the review list stay", async () => {
    const { source } = await addSource(t.ctx, { name: "rmm", connectionId: t.connectionId });
    await pushCustomers(t.ctx, source.id, [
      { id: "c-acme", name: "Someone", identifier: "AcmeCorp" },
      { id: "c-fuzzy", name: "Umbrela Corporation" },
    ]);
    await drain();
    const first = new Map((await listMappings(t.ctx, source.id)).map((m) => [m.customerId, m]));
    expect(first.get("c-acme")).toMatchObject({ companyId: 250, manual: false });
    expect(first.get("c-fuzzy")?.review).toBe(true);

    await mapCustomer(t.ctx, source.id, "c-acme", { company: "Globex" });
    await pushCustomers(t.ctx, source.id, [{ id: "c-new", name: "Initech LLC" }]);
    await drain();
    const second = new Map((await listMappings(t.ctx, source.id)).map((m) => [m.customerId, m]));
    expect(second.get("c-acme")).toMatchObject({ manual: true });
    expect(second.get("c-acme")?.companyId).not.toBe(250);
    expect(second.get("c-new")?.companyId).toBeGreaterThan(0);
    expect(second.get("c-fuzzy")?.review).toBe(true);
    expect(await t.ctx.queue.stats()).toMatchObject({ failed: 0 });
  });

  it("saving a connection matches the customers of its sources", async () => {
    const connection = await addConnection(
      t.ctx,
      emulatorConnectionInput(t.emulator, { name: "second" }),
    );
    const { source } = await addSource(t.ctx, { name: "psa", connectionId: connection.id });
    await drain();
    // Customers stored without the push path (e.g. by an older version): only the save matches them.
    await t.ctx.scope.db
      .insertInto("customers", {
        source_id: source.id,
        external_id: "c-stark",
        name: "Stark Industries",
        display_name: null,
        domain: null,
        identifier: null,
        updated_at: new Date().toISOString(),
      })
      .execute();
    const mapped = async () =>
      (await listMappings(t.ctx, source.id)).filter((m) => m.companyId !== null);
    expect(await mapped()).toEqual([]);
    await updateConnection(t.ctx, connection.id, { memberId: "api-cwbridge" });
    await drain();
    expect((await mapped()).map((m) => m.customerId)).toEqual(["c-stark"]);
  });
});
