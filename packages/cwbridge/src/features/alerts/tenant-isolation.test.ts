/**
 * Tenant isolation of the alerts feature: what tenant A (`default`, the bench's) makes —
 * incidents, deliveries, routing rules, alert settings, leases, jobs — is invisible to and
 * untouchable from tenant B (`b`), through every use case; the same names (connection
 * `emulator`, source `monitor`, the same event) exist in both.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobsOf } from "../../app/testing/tenant-isolation.js";
import type { AppContext } from "../../core/context.js";
import { callUseCase } from "../../core/use-case.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { readStoredAlertSettings } from "./alert-settings.js";
import { AlertError } from "./errors.js";
import { acquireIncidentLease, releaseIncidentLease } from "./incident-lease.js";
import { mutateIncident } from "./incident-repository.js";
import { ALERT_JOB_KINDS } from "./job-specs.js";
import { recordTicketClosed } from "./ticket-closed.js";
import { alertUseCases as cases } from "./use-cases.js";
import {
  createAlertBench,
  fire,
  seedTenant,
  type AlertBench,
  type TenantWorld,
} from "./testing/alert-fixtures.js";

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof AlertError ? error.code : String(error);
  }
}

async function jobTenants(ctx: AppContext): Promise<Map<string, string>> {
  return new Map((await jobsOf(ctx)).map((j) => [j.id, j.tenant]));
}

describe.each(TEST_DIALECTS)("alerts tenant isolation (%s)", (dialect) => {
  let bench: AlertBench;
  let a: AppContext;
  let b: TenantWorld;
  beforeAll(async () => {
    bench = await createAlertBench({ dialect, start: false });
    a = bench.t.ctx;
    b = await seedTenant(bench.t, "b");
  });
  afterAll(async () => {
    await bench.close();
  });

  it("ingest: A's source is unknown in B; the same event makes one incident per tenant; each job carries its tenant", async () => {
    const event = fire({ name: "Isolated ingest" });
    const inA = await callUseCase(a, cases.ingest, { sourceId: bench.sourceId, event });
    expect(inA.action).toBe("open");

    expect(
      await codeOf(callUseCase(b.ctx, cases.ingest, { sourceId: bench.sourceId, event })),
    ).toBe("CWB_ERR_ALERT_UNKNOWN_SOURCE");
    expect(await callUseCase(b.ctx, cases.getIncident, { key: inA.incidentKey })).toBeUndefined();
    expect(await callUseCase(b.ctx, cases.listIncidents, {})).toEqual([]);

    // The same delivery id to B's own source is B's first delivery, not a duplicate.
    const inB = await callUseCase(b.ctx, cases.ingest, { sourceId: b.sourceId, event });
    expect(inB).toMatchObject({ action: "open" });
    expect(inB.duplicate).toBeUndefined();
    const listedB = await callUseCase(b.ctx, cases.listIncidents, {});
    expect(listedB.map((i) => i.key)).toEqual([inB.incidentKey]);
    const listedA = await callUseCase(a, cases.listIncidents, {});
    expect(listedA.map((i) => i.key)).toContain(inA.incidentKey);
    expect(listedA.map((i) => i.key)).not.toContain(inB.incidentKey);

    const tenants = await jobTenants(a);
    expect(tenants.get(inA.jobId ?? "")).toBe("default");
    expect(tenants.get(inB.jobId ?? "")).toBe("b");
  });

  it("incidents: B cannot change A's incident, nor close it by A's ticket", async () => {
    const inA = await callUseCase(a, cases.ingest, {
      sourceId: bench.sourceId,
      event: fire({ name: "Isolated close" }),
    });
    await mutateIncident(a.scope, inA.incidentKey, (i) => ({ ...i, ticketId: 777_001 }));

    expect(
      await mutateIncident(b.ctx.scope, inA.incidentKey, (i) => ({ ...i, attempts: 99 })),
    ).toBe(undefined);
    expect(await recordTicketClosed(b.ctx, bench.t.connectionId, 777_001)).toBeUndefined();
    const still = await callUseCase(a, cases.getIncident, { key: inA.incidentKey });
    expect(still).toMatchObject({ state: "opening", attempts: 0, ticketId: 777_001 });

    const closed = await recordTicketClosed(a, bench.t.connectionId, 777_001);
    expect(closed?.state).toBe("closed");
  });

  it("routing rules: lists, positions and removal are per tenant; A's source is unknown to B's rules", async () => {
    const ruleOf = (board: string, sourceId?: string) => ({
      rule: {
        match: { alertName: "Disk*", ...(sourceId === undefined ? {} : { sourceId }) },
        target: { boardName: board },
      },
    });
    const before = await callUseCase(a, cases.listRules, {});
    const ruleA = await callUseCase(a, cases.addRule, ruleOf("Board A"));
    expect(await callUseCase(b.ctx, cases.listRules, {})).toEqual([]);

    const ruleB = await callUseCase(b.ctx, cases.addRule, ruleOf("Board B", b.sourceId));
    expect(ruleB.position).toBe(0);
    expect(await codeOf(callUseCase(b.ctx, cases.addRule, ruleOf("Board B", bench.sourceId)))).toBe(
      "CWB_ERR_ALERT_UNKNOWN_SOURCE",
    );
    expect(await codeOf(callUseCase(b.ctx, cases.removeRule, { id: ruleA.id }))).toBe(
      "CWB_ERR_ALERT_ROUTING_RULE_NOT_FOUND",
    );
    expect((await callUseCase(a, cases.listRules, {})).map((r) => r.id)).toEqual([
      ...before.map((r) => r.id),
      ruleA.id,
    ]);
    expect((await callUseCase(b.ctx, cases.listRules, {})).map((r) => r.id)).toEqual([ruleB.id]);

    await callUseCase(a, cases.removeRule, { id: ruleA.id });
    await callUseCase(b.ctx, cases.removeRule, { id: ruleB.id });
  });

  it("alert settings: A's connection is unknown to B, for reads and writes", async () => {
    const id = bench.t.connectionId;
    const stored = await readStoredAlertSettings(a.scope.db, id);
    for (const read of [cases.readSettings, cases.readStoredSettings]) {
      expect(await codeOf(callUseCase(b.ctx, read, { connectionId: id }))).toBe(
        "CWB_ERR_ALERT_UNKNOWN_CONNECTION",
      );
    }
    expect(
      await codeOf(
        callUseCase(b.ctx, cases.writeSettings, {
          connectionId: id,
          settings: { closeStatusName: "Hijacked" },
        }),
      ),
    ).toBe("CWB_ERR_ALERT_UNKNOWN_CONNECTION");
    expect(await readStoredAlertSettings(a.scope.db, id)).toEqual(stored);
    // B's own connection of the same name has its own settings.
    expect(
      await callUseCase(b.ctx, cases.readStoredSettings, { connectionId: b.connectionId }),
    ).toEqual({ settleWindowMs: 0 });
  });

  it("leases: B can neither release nor see A's lease of an incident", async () => {
    const key = "src=isolation;alert=lease";
    expect(await acquireIncidentLease(a.scope, key, "job:a", Date.now())).toBe(true);
    await releaseIncidentLease(b.ctx.scope, key, "job:a");
    expect(await acquireIncidentLease(a.scope, key, "job:other", Date.now())).toBe(false);
    await releaseIncidentLease(a.scope, key, "job:a");
    expect(await acquireIncidentLease(a.scope, key, "job:other", Date.now())).toBe(true);
    await releaseIncidentLease(a.scope, key, "job:other");
  });

  it("reconcile scheduling: each tenant schedules only its own enabled connections, as its own jobs", async () => {
    const runAt = new Date(Date.now() + 3_600_000).toISOString();
    const sweptA = await callUseCase(a, cases.scheduleReconcile, { everyMs: 3_600_000, runAt });
    const sweptB = await callUseCase(b.ctx, cases.scheduleReconcile, {
      everyMs: 3_600_000,
      runAt,
    });
    expect(sweptA).toEqual(["emulator"]);
    expect(sweptB).toEqual(["emulator"]);
    const jobs = (await a.queue.listJobs()).filter(
      (j) => j.kind === ALERT_JOB_KINDS.reconcileTickets,
    );
    const byConnection = new Map(
      jobs.map((j) => [(j.payload as { connectionId: string }).connectionId, j.tenant]),
    );
    expect(byConnection).toEqual(
      new Map([
        [bench.t.connectionId, "default"],
        [b.connectionId, "b"],
      ]),
    );
  });
});
