import { describe, expect, it } from "vitest";
import { globMatch } from "./glob.js";
import { routeAlert, routingRulesSchema, type RoutingRule } from "./routing.js";

const event = {
  sourceId: "alertmanager",
  name: "DiskSpaceLow",
  policy: "Servers - Critical",
  labels: { env: "production", team: "infra" },
};

const rules: RoutingRule[] = routingRulesSchema.parse([
  { match: { sourceId: "zabbix" }, target: { boardName: "Zabbix" } },
  {
    match: { alertName: "disk*", labels: { env: "prod*" } },
    target: { boardName: "Alerts", priorityName: "P1", severity: "High" },
  },
  { match: {}, target: { boardId: 9 } },
]);

describe("globMatch", () => {
  it.each([
    ["*", "anything", true],
    ["Disk*", "diskspacelow", true],
    ["d?sk", "disk", true],
    ["d?sk", "dissk", false],
    ["a.b", "axb", false],
    ["(x)+", "(x)+", true],
    ["", "", true],
    ["", "x", false],
  ])("%j ~ %j → %s", (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });
});

describe("routeAlert", () => {
  it("uses the first matching rule, merged over defaults, with Medium/Medium defaults", () => {
    const result = routeAlert(rules, event, {
      boardName: "Alerts",
      typeName: "Monitoring",
      impact: "Low",
    });
    expect(result).toEqual({
      kind: "routed",
      ruleIndex: 1,
      target: {
        boardName: "Alerts",
        typeName: "Monitoring",
        priorityName: "P1",
        severity: "High",
        impact: "Low",
      },
    });
  });

  it("drops the defaults' type/subtype/item when a rule picks another board", () => {
    const result = routeAlert(
      rules,
      { ...event, labels: {} },
      { boardName: "Help Desk", typeName: "Monitoring", itemName: "X", priorityName: "P3" },
    );
    expect(result).toEqual({
      kind: "routed",
      ruleIndex: 2,
      target: { boardId: 9, priorityName: "P3", severity: "Medium", impact: "Medium" },
    });
  });

  it("requires every label to be present and to match", () => {
    const only: RoutingRule[] = [
      { match: { labels: { env: "prod*", team: "infra" } }, target: { boardId: 1 } },
    ];
    expect(routeAlert(only, event).kind).toBe("routed");
    expect(routeAlert(only, { ...event, labels: { env: "production" } })).toEqual({
      kind: "unrouted",
    });
  });

  it("matches policy by glob and requires the event to carry one", () => {
    const byPolicy: RoutingRule[] = [{ match: { policy: "servers*" }, target: { boardId: 2 } }];
    expect(routeAlert(byPolicy, event)).toMatchObject({ kind: "routed", ruleIndex: 0 });
    const { policy: _p, ...noPolicy } = event;
    expect(routeAlert(byPolicy, noPolicy).kind).toBe("unrouted");
  });

  it("falls back to defaults, or unrouted without a board", () => {
    expect(routeAlert([], event, { boardId: 4 })).toEqual({
      kind: "routed",
      ruleIndex: null,
      target: { boardId: 4, severity: "Medium", impact: "Medium" },
    });
    expect(routeAlert([], event)).toEqual({ kind: "unrouted" });
  });
});

describe("routingRulesSchema", () => {
  it("rejects unknown fields, bad levels and both board forms", () => {
    const bad = [
      [{ match: {}, target: { boardId: 1 }, extra: 1 }],
      [{ match: { nope: "x" }, target: { boardId: 1 } }],
      [{ match: {}, target: { boardId: 1, severity: "Critical" } }],
      [{ match: {}, target: { boardId: 1, boardName: "A" } }],
      [{ match: {}, target: { boardId: -1 } }],
    ];
    for (const input of bad) expect(routingRulesSchema.safeParse(input).success).toBe(false);
  });
});

describe("globMatch (no backtracking blow-up)", () => {
  it("handles a pathological pattern quickly", () => {
    const started = performance.now();
    expect(globMatch("*a*a*a*a*a*a*a*a*a*a*b", "a".repeat(5000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
