import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { externalXRef } from "../../domain/incident-key.js";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { getConnection, removeConnection } from "../connections/index.js";
import { ALERT_LIMITS } from "./alert-input.js";
import { AlertError } from "./errors.js";
import { getIncident } from "./incident-queries.js";
import { incidentKeyOf, ingestAlert } from "./ingest-alert.js";
import { createAlertBench, fire, resolve, type AlertBench } from "./testing/alert-fixtures.js";

async function counts(bench: AlertBench) {
  const db = bench.t.ctx.store.db;
  const count = async (table: "incidents" | "inbound_events") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const stats = await bench.t.ctx.queue.stats();
  return {
    incidents: await count("incidents"),
    events: await count("inbound_events"),
    jobs: stats.pending + stats.running,
  };
}

const BAD_EVENTS: readonly (readonly [string, Record<string, unknown>, string])[] = [
  ["an unknown field", { ...fire(), extra: 1 }, "(root)"],
  ["a wrong type", { ...fire(), summary: 42 }, "summary"],
  ["a wrong kind", { ...fire(), kind: "maybe" }, "kind"],
  ["an oversize summary", { ...fire(), summary: "x".repeat(ALERT_LIMITS.summary + 1) }, "summary"],
  ["a NUL byte", { ...fire(), name: "Disk\u0000full" }, "name"],
  ["a lone surrogate", { ...fire(), summary: "bad \ud800 text" }, "summary"],
  ["a line break in a name", { ...fire(), name: "a\nb" }, "name"],
  ["an empty customer", { ...fire(), customerId: "  " }, "customerId"],
  ["a missing id", { kind: "fire", name: "x", summary: "y", customerId: "acme" }, "id"],
  ["a bad date", { ...fire(), occurredAt: "yesterday" }, "occurredAt"],
  [
    "too many labels",
    { ...fire(), labels: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, "v"])) },
    "labels",
  ],
  ["a conditions-breaking customer", { ...fire(), customerId: 'acme" or 1=1\u0007' }, "customerId"],
];

describe.each(TEST_DIALECTS)("ingestAlert (%s)", (dialect) => {
  let bench: AlertBench;
  beforeAll(async () => {
    bench = await createAlertBench({ dialect, start: false });
  });
  afterAll(async () => {
    await bench.close();
  });

  it.each(BAD_EVENTS)(
    "rejects %s with a clear error and stores nothing",
    async (_what, event, path) => {
      const before = await counts(bench);
      const error = await ingestAlert(bench.t.ctx, bench.sourceId, event).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AlertError);
      expect(error).toMatchObject({ code: "CWB_ERR_ALERT_INVALID" });
      expect((error as AlertError).issues.map((i) => i.path)).toContain(path);
      expect(await counts(bench)).toEqual(before);
    },
  );

  it("rejects an unknown source and an unmapped customer, storing nothing", async () => {
    const before = await counts(bench);
    await expect(ingestAlert(bench.t.ctx, "no-such-source", fire())).rejects.toMatchObject({
      code: "CWB_ERR_ALERT_UNKNOWN_SOURCE",
    });
    await expect(
      ingestAlert(bench.t.ctx, bench.sourceId, fire({ customerId: "globex" })),
    ).rejects.toMatchObject({
      code: "CWB_ERR_ALERT_UNMAPPED_CUSTOMER",
    });
    expect(await counts(bench)).toEqual(before);
  });

  it("stores the incident and its alert-priority job in the same transaction", async () => {
    const before = await counts(bench);
    const result = await ingestAlert(bench.t.ctx, bench.sourceId, fire({ name: "Outbox" }));
    expect(result).toMatchObject({ accepted: true, action: "open" });
    expect(await counts(bench)).toEqual({
      incidents: before.incidents + 1,
      events: before.events + 1,
      jobs: before.jobs + 1,
    });
    const job = await bench.t.ctx.queue.getJob(result.jobId ?? "");
    expect(job).toMatchObject({
      kind: "ensure-ticket",
      payload: { key: result.incidentKey },
      key: `alerts:incident:${externalXRef(result.incidentKey)}`,
    });
    expect(await getIncident(bench.t.ctx, result.incidentKey)).toMatchObject({
      state: "opening",
      sourceId: bench.sourceId,
      connectionId: bench.t.connectionId,
      externalXRef: externalXRef(result.incidentKey),
      ticketId: null,
      attempts: 0,
      data: { companyId: 250, occurrences: 1, route: { severity: "Medium", impact: "Medium" } },
    });
  });

  it("keeps the connection of an incident from being removed (connections asks alerts through ctx.links)", async () => {
    await ingestAlert(bench.t.ctx, bench.sourceId, fire({ name: "Pinned" }));
    await expect(removeConnection(bench.t.ctx, bench.t.connectionId)).rejects.toMatchObject({
      code: "CWB_ERR_CONNECTION_IN_USE",
    });
    expect(await getConnection(bench.t.ctx, bench.t.connectionId)).toMatchObject({
      id: bench.t.connectionId,
    });
  });

  it("rate-limits repeat notes in the database and counts occurrences", async () => {
    const first = await ingestAlert(bench.t.ctx, bench.sourceId, fire({ name: "Repeat" }));
    const opened = await getIncident(bench.t.ctx, first.incidentKey);
    const again = await ingestAlert(bench.t.ctx, bench.sourceId, fire({ name: "Repeat" }));
    expect(again).toMatchObject({ action: "none", reason: "rate-limited" });
    const after = await getIncident(bench.t.ctx, first.incidentKey);
    expect(after?.lastNoteAt).toBe(opened?.lastNoteAt);
    expect(after?.data.occurrences).toBe(2);
    expect(after?.data.note).toBeUndefined();
  });

  it("ignores a resolve for an unknown incident and stale events", async () => {
    const r = await ingestAlert(bench.t.ctx, bench.sourceId, resolve({ name: "Never fired" }));
    expect(r).toMatchObject({ action: "none", reason: "not-open" });
    expect(await getIncident(bench.t.ctx, r.incidentKey)).toBeUndefined();
    const now = Date.now();
    await ingestAlert(
      bench.t.ctx,
      bench.sourceId,
      fire({ name: "Stale", occurredAt: new Date(now).toISOString() }),
    );
    const stale = await ingestAlert(
      bench.t.ctx,
      bench.sourceId,
      resolve({ name: "Stale", occurredAt: new Date(now - 60_000).toISOString() }),
    );
    expect(stale).toMatchObject({ action: "none", reason: "stale" });
  });

  it("keys incidents by fingerprint when given, else by name, device and customer", () => {
    expect(incidentKeyOf("s", { fingerprint: "abc", name: "n", customerId: "c" })).toBe(
      "src=s;fp=abc",
    );
    expect(incidentKeyOf("s", { name: "a/b", customerId: "c" })).not.toBe(
      incidentKeyOf("s", { name: "a", deviceId: "b", customerId: "c" }),
    );
  });
});
