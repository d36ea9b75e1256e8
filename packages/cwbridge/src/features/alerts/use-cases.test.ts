/**
 * The alerts use cases refuse bad input with exactly the error the feature's own function
 * throws (the `invalid` hook), store nothing, and `write-settings` verifies names on request.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callUseCase } from "../../core/use-case.js";
import { readStoredAlertSettings, writeAlertSettings } from "./alert-settings.js";
import { alertsFeature } from "./feature.js";
import { ingestAlert } from "./ingest-alert.js";
import { addRoutingRule, listRoutingRules } from "./routing-rules.js";
import { createAlertBench, fire, type AlertBench } from "./testing/alert-fixtures.js";

const cases = alertsFeature.useCases;
const caught = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe("alerts use cases", () => {
  let bench: AlertBench;
  beforeAll(async () => {
    bench = await createAlertBench({ dialect: "sqlite", start: false });
  });
  afterAll(() => bench.close());

  it("ingest: a bad event is the error ingestAlert throws; a bad sourceId too lists every issue", async () => {
    const event = fire({ kind: "explode", summary: "", extra: 1 });
    const direct = await caught(ingestAlert(bench.t.ctx, bench.sourceId, event));
    const viaCase = await caught(
      callUseCase(bench.t.ctx, cases.ingest, { sourceId: bench.sourceId, event }),
    );
    expect(viaCase).toMatchObject({ code: "CWB_ERR_ALERT_INVALID", kind: "invalid" });
    expect(JSON.stringify(viaCase)).toBe(JSON.stringify(direct));
    const both = await caught(callUseCase(bench.t.ctx, cases.ingest, { sourceId: "", event }));
    expect(both).toMatchObject({ code: "CWB_ERR_ALERT_INVALID" });
    const paths = (both as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["sourceId", "event.kind", "event.summary"]));
  });

  it("add-rule: a bad rule is the error addRoutingRule throws; nothing is stored", async () => {
    const rule = { match: {}, target: { boardId: 1, boardName: "x" }, extra: true };
    const direct = await caught(addRoutingRule(bench.t.ctx, rule));
    const viaCase = await caught(callUseCase(bench.t.ctx, cases.addRule, { rule }));
    expect(viaCase).toMatchObject({ code: "CWB_ERR_ALERT_ROUTING_RULE_INVALID" });
    expect(JSON.stringify(viaCase)).toBe(JSON.stringify(direct));
    const position = await caught(
      callUseCase(bench.t.ctx, cases.addRule, { rule: { match: {}, target: {} }, position: -1 }),
    );
    expect(position).toMatchObject({
      code: "CWB_ERR_ALERT_ROUTING_RULE_INVALID",
      issues: [{ path: "position" }],
    });
    expect(await listRoutingRules(bench.t.ctx)).toEqual([]);
  });

  it("write-settings: bad settings are the error writeAlertSettings throws; nothing is stored", async () => {
    const connectionId = bench.t.connectionId;
    const before = await readStoredAlertSettings(bench.t.ctx.scope.db, connectionId);
    const settings = { noteIntervalMs: -1, defaults: { severity: "Urgent" }, nope: true };
    const direct = await caught(writeAlertSettings(bench.t.ctx, connectionId, settings));
    const viaCase = await caught(
      callUseCase(bench.t.ctx, cases.writeSettings, { connectionId, settings }),
    );
    expect(viaCase).toMatchObject({ code: "CWB_ERR_ALERT_SETTINGS_INVALID" });
    expect(JSON.stringify(viaCase)).toBe(JSON.stringify(direct));
    expect(await readStoredAlertSettings(bench.t.ctx.scope.db, connectionId)).toEqual(before);
  });

  it("write-settings: stores only what is given; verify refuses a name ConnectWise lacks, storing nothing", async () => {
    const connectionId = bench.t.connectionId;
    const written = await callUseCase(bench.t.ctx, cases.writeSettings, {
      connectionId,
      settings: { closeStatusName: "Resolved" },
      verify: true,
    });
    expect(written).toMatchObject({ closeStatusName: "Resolved", attachConfiguration: true });
    expect(await readStoredAlertSettings(bench.t.ctx.scope.db, connectionId)).toEqual({
      closeStatusName: "Resolved",
    });
    const refused = await caught(
      callUseCase(bench.t.ctx, cases.writeSettings, {
        connectionId,
        settings: { defaults: { boardName: "No Such Board" } },
        verify: true,
      }),
    );
    expect(refused).toMatchObject({ code: "CWB_ERR_ALERT_ROUTE_UNRESOLVED" });
    expect(await readStoredAlertSettings(bench.t.ctx.scope.db, connectionId)).toEqual({
      closeStatusName: "Resolved",
    });
    await callUseCase(bench.t.ctx, cases.writeSettings, {
      connectionId,
      settings: { defaults: { boardName: "No Such Board" } },
    });
    expect(await readStoredAlertSettings(bench.t.ctx.scope.db, connectionId)).toEqual({
      defaults: { boardName: "No Such Board" },
    });
  });
});
