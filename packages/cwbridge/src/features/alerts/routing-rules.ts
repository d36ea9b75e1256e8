/**
 * Routing rules service: add (validated with the domain's strict schema), list in order,
 * remove. Rules are global, or scoped to a source when `match.sourceId` is set.
 */
import { routingRuleSchema, type RoutingRule } from "../../domain/routing.js";
import type { AppContext } from "../../core/context.js";
import { newId } from "../../store/ids.js";
import { nowIso } from "../../store/now.js";
import type { TenantDb } from "../../store/tenant-scope.js";
import { AlertError, invalidInput } from "./errors.js";
import { findSourceRow } from "../sources/index.js";
import { resolveRouteTarget } from "./route-resolver.js";
import {
  deleteRoutingRule,
  insertRoutingRule,
  selectRoutingRules,
  type StoredRoutingRule,
} from "./routing-repository.js";

export type { StoredRoutingRule } from "./routing-repository.js";

/** Options of {@link addRoutingRule}. */
export interface AddRoutingRuleOptions {
  /** 0-based place in the order (later rules move down). Default: last. */
  readonly position?: number;
  /** Check every name of the target against this connection's ConnectWise (board, type, …). */
  readonly verifyConnectionId?: string;
}

async function assertSource(db: TenantDb, sourceId: string | undefined): Promise<void> {
  if (sourceId === undefined) return;
  if ((await findSourceRow(db, sourceId)) === undefined) {
    throw new AlertError("CWB_ERR_ALERT_UNKNOWN_SOURCE", `no source '${sourceId}'`);
  }
}

/**
 * Validates a routing rule; throws `CWB_ERR_ALERT_ROUTING_RULE_INVALID` listing every bad field.
 *
 * @example
 * const rule = parseRoutingRule({ match: { alertName: "Disk*" }, target: { boardName: "Alerts" } });
 */
export function parseRoutingRule(input: unknown): RoutingRule {
  const parsed = routingRuleSchema.safeParse(input);
  if (!parsed.success) {
    throw invalidInput("CWB_ERR_ALERT_ROUTING_RULE_INVALID", "routing rule", parsed.error.issues);
  }
  return parsed.data;
}

/**
 * Adds a routing rule. Invalid input → `CWB_ERR_ALERT_ROUTING_RULE_INVALID` listing every bad
 * field (nothing stored); with `verifyConnectionId`, names ConnectWise does not know →
 * `CWB_ERR_ALERT_ROUTE_UNRESOLVED`, a type/subtype/item without a board →
 * `CWB_ERR_ALERT_ROUTE_INVALID`.
 *
 * @example
 * await addRoutingRule(ctx, { match: { alertName: "Disk*" }, target: { boardName: "Monitoring Alerts", priorityName: "Priority 2 - High" } });
 */
export async function addRoutingRule(
  ctx: Pick<AppContext, "scope" | "store" | "tenant" | "clients" | "clock">,
  input: unknown,
  options: AddRoutingRuleOptions = {},
): Promise<StoredRoutingRule> {
  const rule = parseRoutingRule(input);
  if (options.verifyConnectionId !== undefined) {
    await resolveRouteTarget(ctx, options.verifyConnectionId, rule.target);
  }
  const createdAt = nowIso();
  const id = newId();
  const position = await ctx.scope.transaction(async (tx) => {
    await assertSource(tx, rule.match.sourceId);
    return insertRoutingRule(tx, {
      id,
      rule,
      createdAt,
      ...(options.position === undefined ? {} : { position: options.position }),
    });
  });
  return { id, position, rule, createdAt };
}

/**
 * The rules in order; with `sourceId`, only the global ones and that source's.
 *
 * @example
 * const rules = (await listRoutingRules(ctx, { sourceId })).map((r) => r.rule);
 */
export async function listRoutingRules(
  ctx: Pick<AppContext, "scope">,
  filter: { readonly sourceId?: string } = {},
): Promise<StoredRoutingRule[]> {
  return listRoutingRulesIn(ctx.scope.db, filter);
}

/**
 * {@link listRoutingRules} on a given database handle (inside a transaction).
 *
 * @example
 * const rules = await listRoutingRulesIn(tx, { sourceId });
 */
export async function listRoutingRulesIn(
  db: TenantDb,
  filter: { readonly sourceId?: string } = {},
): Promise<StoredRoutingRule[]> {
  return selectRoutingRules(db, filter);
}

/**
 * Removes a rule; an unknown id → `CWB_ERR_ALERT_ROUTING_RULE_NOT_FOUND`.
 *
 * @example
 * await removeRoutingRule(ctx, rule.id);
 */
export async function removeRoutingRule(ctx: Pick<AppContext, "scope">, id: string): Promise<void> {
  if (!(await deleteRoutingRule(ctx.scope.db, id))) {
    throw new AlertError("CWB_ERR_ALERT_ROUTING_RULE_NOT_FOUND", `no routing rule '${id}'`);
  }
}
