/**
 * Jobs carry their tenant: a context enqueues jobs stamped with its tenant, the worker runs each
 * job in its own tenant's context, and a tenant's clients refuse another tenant's connection.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AppContext, JobHandlers } from "../core/context.js";
import { withTenant } from "../core/tenant-context.js";
import { TEST_DIALECTS } from "../store/testing/test-stores.js";
import { createTestApp, type TestApp } from "./testing/test-app.js";

describe.each(TEST_DIALECTS)("tenants on %s", (dialect) => {
  let t: TestApp;
  const seen: { tenant: string; payload: unknown }[] = [];
  const handlers: JobHandlers = {
    "tenant-probe": async (ctx: AppContext, job) => {
      seen.push({ tenant: ctx.tenant, payload: job.payload });
    },
  };
  beforeEach(async () => {
    seen.length = 0;
    t = await createTestApp({ dialect, handlers });
  });
  afterEach(async () => {
    await t.close();
  });

  it("works in the tenant `default` unless told otherwise", () => {
    expect(t.ctx.tenant).toBe("default");
    expect(t.engine.forTenant("acme").tenant).toBe("acme");
  });

  it("stamps every job with the enqueuing context's tenant and runs it in that tenant", async () => {
    const acme = t.engine.forTenant("acme");
    const idA = await acme.queue.enqueue({ kind: "tenant-probe", payload: { n: 1 } });
    const idD = await t.ctx.queue.enqueue({ kind: "tenant-probe", payload: { n: 2 } });
    expect((await t.ctx.queue.getJob(idA))?.tenant).toBe("acme");
    expect((await t.ctx.queue.getJob(idD))?.tenant).toBe("default");
    await t.engine.start({ concurrency: 1, pollMs: 10 });
    await t.ctx.queue.drain({ timeoutMs: 10_000 });
    expect(seen.sort((x, y) => x.tenant.localeCompare(y.tenant))).toEqual([
      { tenant: "acme", payload: { n: 1 } },
      { tenant: "default", payload: { n: 2 } },
    ]);
  });

  it("refuses a connection of another tenant", async () => {
    const other = withTenant(t.ctx, "acme");
    await expect(other.clients.forConnection(t.connectionId)).rejects.toMatchObject({
      code: "CWB_ERR_CONNECTION_NOT_FOUND",
    });
    await expect(t.ctx.clients.forConnection(t.connectionId)).resolves.toBeDefined();
  });

  it("refuses a bad tenant id on a job", async () => {
    await expect(
      t.ctx.queue.enqueue({ kind: "tenant-probe", payload: {}, tenant: "Not A Tenant" }),
    ).rejects.toMatchObject({ code: "CWB_ERR_QUEUE_INVALID_JOB" });
  });
});
