/**
 * Alert routing: ordered rules (source, alert name, policy, labels) → ConnectWise ticket target
 * (board, type, subtype, item, priority, severity, impact), first match wins, merged over defaults.
 */
import { z } from "zod";
import { safeString } from "./safe-text.js";
import type { AlertEvent } from "./alert-event.js";
import { globMatch } from "./glob.js";

/** ConnectWise severity/impact values. */
export const TICKET_LEVELS = ["Low", "Medium", "High"] as const;

const level = z.enum(TICKET_LEVELS);

/**
 * The routing schemas over a string schema: `safeString` for input (the text rule), plain
 * `z.string` for rows already stored, so a row written before the rule stays readable.
 */
function routingSchemas(text: () => z.ZodString) {
  const name = text().trim().min(1).max(100);
  const target = z
    .object({
      boardId: z.number().int().positive().optional(),
      boardName: name.optional(),
      typeName: name.optional(),
      subTypeName: name.optional(),
      itemName: name.optional(),
      priorityName: name.optional(),
      severity: level.optional(),
      impact: level.optional(),
    })
    .strict()
    .refine((t) => t.boardId === undefined || t.boardName === undefined, {
      message: "give the board by id or by name, not both",
    });
  const rule = z
    .object({
      match: z
        .object({
          sourceId: text().min(1).max(200).optional(),
          alertName: text().min(1).max(500).optional(),
          policy: text().min(1).max(500).optional(),
          labels: z.record(text().min(1).max(200), text().max(2000)).optional(),
        })
        .strict(),
      target,
    })
    .strict();
  return { target, rule };
}

const inputSchemas = routingSchemas(safeString);
const storedSchemas = routingSchemas(() => z.string());

/** Schema of a rule's target (a board by id or by name, not both). */
export const routeTargetSchema = inputSchemas.target;

/**
 * Schema of one routing rule, used by the API and the CLI to validate input (`.strict()`).
 *
 * @example
 * routingRulesSchema.parse([{ match: { alertName: "Disk*" }, target: { boardName: "Alerts", priorityName: "P2" } }])
 */
export const routingRuleSchema = inputSchemas.rule;

/** {@link routeTargetSchema} for a stored target (read back as it is, without the text rule). */
export const storedRouteTargetSchema = storedSchemas.target;
/** {@link routingRuleSchema} for a stored rule (read back as it is, without the text rule). */
export const storedRoutingRuleSchema = storedSchemas.rule;

/** Schema of an ordered rule list. */
export const routingRulesSchema = z.array(routingRuleSchema).max(1000);

/** A routing rule. */
export type RoutingRule = z.output<typeof routingRuleSchema>;
/** A rule's target. */
export type RouteTarget = z.output<typeof routeTargetSchema>;

/** A resolved target: severity and impact always set. */
export type RoutedTarget = RouteTarget & {
  readonly severity: (typeof TICKET_LEVELS)[number];
  readonly impact: (typeof TICKET_LEVELS)[number];
};

/** Outcome of {@link routeAlert}. */
export type RouteResult =
  | { readonly kind: "routed"; readonly ruleIndex: number | null; readonly target: RoutedTarget }
  | { readonly kind: "unrouted" };

/**
 * Whether a rule matches an event: every given criterion must hold (globs on alert name, policy
 * and label values; exact source id); a rule with an empty `match` matches everything.
 *
 * @example
 * ruleMatches({ match: { labels: { env: "prod*" } }, target: { boardId: 1 } }, event)
 */
export function ruleMatches(
  rule: RoutingRule,
  event: Pick<AlertEvent, "sourceId" | "name" | "policy" | "labels">,
): boolean {
  const { sourceId, alertName, policy, labels } = rule.match;
  if (sourceId !== undefined && sourceId !== event.sourceId) return false;
  if (alertName !== undefined && !globMatch(alertName, event.name)) return false;
  if (policy !== undefined && (event.policy === undefined || !globMatch(policy, event.policy)))
    return false;
  return Object.entries(labels ?? {}).every(([key, pattern]) => {
    const value = event.labels[key];
    return value !== undefined && globMatch(pattern, value);
  });
}

function sameBoard(a: RouteTarget, b: RouteTarget): boolean {
  if (a.boardId !== undefined) return a.boardId === b.boardId;
  return a.boardName !== undefined && a.boardName.toLowerCase() === b.boardName?.toLowerCase();
}

function mergeTarget(defaults: RouteTarget, target: RouteTarget): RouteTarget {
  const hasBoard = target.boardId !== undefined || target.boardName !== undefined;
  if (!hasBoard || sameBoard(target, defaults)) return { ...defaults, ...target };
  // Type, subtype and item belong to a board: the defaults' ones do not carry over to another board.
  const { severity, impact, priorityName } = defaults;
  return {
    ...(severity === undefined ? {} : { severity }),
    ...(impact === undefined ? {} : { impact }),
    ...(priorityName === undefined ? {} : { priorityName }),
    ...target,
  };
}

/**
 * Routes an alert: the first matching rule's target merged over `defaults` (severity and impact
 * default to Medium). When a rule picks another board than the defaults, the defaults' type,
 * subtype and item are dropped. No board at all → `unrouted`.
 *
 * @example
 * routeAlert(rules, event, { boardName: "Help Desk" })
 * // { kind: "routed", ruleIndex: 0, target: { boardName: "Alerts", severity: "Medium", impact: "Medium", … } }
 */
export function routeAlert(
  rules: readonly RoutingRule[],
  event: Pick<AlertEvent, "sourceId" | "name" | "policy" | "labels">,
  defaults: RouteTarget = {},
): RouteResult {
  const index = rules.findIndex((rule) => ruleMatches(rule, event));
  const rule = index === -1 ? undefined : rules[index];
  const merged = rule === undefined ? defaults : mergeTarget(defaults, rule.target);
  if (merged.boardId === undefined && merged.boardName === undefined) return { kind: "unrouted" };
  const target: RoutedTarget = {
    ...merged,
    severity: merged.severity ?? "Medium",
    impact: merged.impact ?? "Medium",
  };
  return { kind: "routed", ruleIndex: index === -1 ? null : index, target };
}
