import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../../store/testing/test-stores.js";
import { resolveRouteTarget } from "./route-resolver.js";
import { addRoutingRule, listRoutingRules, removeRoutingRule } from "./routing-rules.js";
import { createAlertBench, type AlertBench } from "./testing/alert-fixtures.js";

describe.each(TEST_DIALECTS)("routing rules (%s)", (dialect) => {
  let bench: AlertBench;
  beforeAll(async () => {
    bench = await createAlertBench({ dialect, start: false });
  });
  afterAll(async () => {
    await bench.close();
  });

  it("adds, orders, scopes and removes rules", async () => {
    const a = await addRoutingRule(bench.t.ctx, {
      match: { alertName: "Disk*" },
      target: { boardName: "Service Desk" },
    });
    const b = await addRoutingRule(bench.t.ctx, {
      match: { sourceId: bench.sourceId, labels: { env: "prod" } },
      target: { boardId: 2 },
    });
    const c = await addRoutingRule(
      bench.t.ctx,
      { match: {}, target: { boardName: "Monitoring Alerts" } },
      { position: 0 },
    );
    expect((await listRoutingRules(bench.t.ctx)).map((r) => r.id)).toEqual([c.id, a.id, b.id]);
    expect((await listRoutingRules(bench.t.ctx, { sourceId: "other" })).map((r) => r.id)).toEqual([
      c.id,
      a.id,
    ]);
    await removeRoutingRule(bench.t.ctx, c.id);
    expect(
      (await listRoutingRules(bench.t.ctx, { sourceId: bench.sourceId })).map((r) => r.id),
    ).toEqual([a.id, b.id]);
    await expect(removeRoutingRule(bench.t.ctx, c.id)).rejects.toMatchObject({
      code: "CWB_ERR_ALERT_ROUTING_RULE_NOT_FOUND",
    });
    for (const rule of [a, b]) await removeRoutingRule(bench.t.ctx, rule.id);
  });

  it.each([
    ["an unknown field", { match: {}, target: { boardName: "x" }, extra: true }],
    ["both board id and name", { match: {}, target: { boardId: 1, boardName: "x" } }],
    ["a wrong severity", { match: {}, target: { severity: "Urgent" } }],
    ["an empty alert name", { match: { alertName: "" }, target: {} }],
  ])("rejects %s and stores nothing", async (_what, input) => {
    await expect(addRoutingRule(bench.t.ctx, input)).rejects.toMatchObject({
      code: "CWB_ERR_ALERT_ROUTING_RULE_INVALID",
    });
    expect(await listRoutingRules(bench.t.ctx)).toHaveLength(0);
  });

  it("rejects rules for unknown sources and names ConnectWise does not have", async () => {
    await expect(
      addRoutingRule(bench.t.ctx, {
        match: { sourceId: "nope" },
        target: { boardName: "Service Desk" },
      }),
    ).rejects.toMatchObject({ code: "CWB_ERR_ALERT_UNKNOWN_SOURCE" });
    await expect(
      addRoutingRule(
        bench.t.ctx,
        { match: {}, target: { boardName: "Monitoring Alerts", typeName: "Incident" } },
        { verifyConnectionId: bench.t.connectionId },
      ),
    ).rejects.toMatchObject({ code: "CWB_ERR_ALERT_ROUTE_UNRESOLVED" });
    await expect(
      addRoutingRule(
        bench.t.ctx,
        { match: {}, target: { boardName: "No Such Board" } },
        { verifyConnectionId: bench.t.connectionId },
      ),
    ).rejects.toMatchObject({ code: "CWB_ERR_ALERT_ROUTE_UNRESOLVED" });
    expect(await listRoutingRules(bench.t.ctx)).toHaveLength(0);
  });

  it.each([
    ["a type", { typeName: "Incident" }],
    ["a subtype", { subTypeName: "Backup" }],
    ["an item", { itemName: "Server" }],
  ])(
    "refuses %s without a board as a configuration mistake, before asking ConnectWise",
    async (_what, target) => {
      bench.t.emulator.ledger.clear();
      await expect(
        addRoutingRule(
          bench.t.ctx,
          { match: {}, target: { priorityName: "Priority 1 - Critical", ...target } },
          { verifyConnectionId: bench.t.connectionId },
        ),
      ).rejects.toMatchObject({ code: "CWB_ERR_ALERT_ROUTE_INVALID" });
      expect(bench.t.emulator.ledger.requests()).toHaveLength(0);
      expect(await listRoutingRules(bench.t.ctx)).toHaveLength(0);
    },
  );

  it("resolves names to ids once per connection (cached)", async () => {
    const target = {
      boardName: "monitoring alerts",
      subTypeName: "Backup",
      priorityName: "Priority 1 - Critical",
    };
    const route = await resolveRouteTarget(bench.t.ctx, bench.t.connectionId, target);
    expect(route).toMatchObject({
      boardId: 2,
      statusId: 7,
      priorityId: 1,
      severity: "Medium",
      impact: "Medium",
    });
    const requests = bench.t.emulator.ledger.requests().length;
    expect(await resolveRouteTarget(bench.t.ctx, bench.t.connectionId, target)).toEqual(route);
    expect(bench.t.emulator.ledger.requests()).toHaveLength(requests);
  });
});
