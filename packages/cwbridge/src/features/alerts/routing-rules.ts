/**
 * Routing rules service: add (validated with the domain's strict schema), list in order,
 * remove. Rules are global, or scoped to a source when `match.sourceId` is set.
 */
import type { Kysely, Selectable } from "kysely";
import {
  routingRuleSchema,
  storedRoutingRuleSchema,
  type RoutingRule,
} from "../../domain/routing.js";
import type { AppContext } from "../../core/context.js";
import { newId } from "../../store/ids.js";
import { nowIso } from "../../store/now.js";
import type { Database, RoutingRulesTable } from "../../store/schema.js";
import { AlertError, invalidInput } from "./errors.js";
import { resolveRouteTarget } from "./route-resolver.js";

/** A stored rule: its id, its place in the order, and the rule. */
export interface StoredRoutingRule {
  readonly id: string;
  readonly position: number;
  readonly rule: RoutingRule;
  readonly createdAt: string;
}

/** Options of {@link addRoutingRule}. */
export interface AddRoutingRuleOptions {
  /** 0-based place in the order (later rules move down). Default: last. */
  readonly position?: number;
  /** Check every name of the target against this connection's ConnectWise (board, type, …). */
  readonly verifyConnectionId?: string;
}

function ruleFromRow(row: Selectable<RoutingRulesTable>): StoredRoutingRule {
  const rule = storedRoutingRuleSchema.parse({
    match: JSON.parse(row.match_json) as unknown,
    target: JSON.parse(row.target_json) as unknown,
  });
  return { id: row.id, position: row.position, rule, createdAt: row.created_at };
}

async function assertSource(db: Kysely<Database>, sourceId: string | undefined): Promise<void> {
  if (sourceId === undefined) return;
  const row = await db
    .selectFrom("sources")
    .select("id")
    .where("id", "=", sourceId)
    .executeTakeFirst();
  if (row === undefined) {
    throw new AlertError("CWB_ERR_ALERT_UNKNOWN_SOURCE", `no source '${sourceId}'`);
  }
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
  ctx: Pick<AppContext, "store" | "clients" | "clock">,
  input: unknown,
  options: AddRoutingRuleOptions = {},
): Promise<StoredRoutingRule> {
  const parsed = routingRuleSchema.safeParse(input);
  if (!parsed.success) {
    throw invalidInput("CWB_ERR_ALERT_ROUTING_RULE_INVALID", "routing rule", parsed.error.issues);
  }
  const rule = parsed.data;
  if (options.verifyConnectionId !== undefined) {
    await resolveRouteTarget(ctx, options.verifyConnectionId, rule.target);
  }
  const createdAt = nowIso();
  const id = newId();
  const position = await ctx.store.transaction(async (tx) => {
    await assertSource(tx, rule.match.sourceId);
    const last = await tx
      .selectFrom("routing_rules")
      .select((eb) => eb.fn.max("position").as("max"))
      .executeTakeFirst();
    const end = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
    const at = Math.min(options.position ?? end, end);
    if (at < end) {
      await tx
        .updateTable("routing_rules")
        .set((eb) => ({ position: eb("position", "+", 1) }))
        .where("position", ">=", at)
        .execute();
    }
    await tx
      .insertInto("routing_rules")
      .values({
        id,
        source_id: rule.match.sourceId ?? null,
        position: at,
        match_json: JSON.stringify(rule.match),
        target_json: JSON.stringify(rule.target),
        created_at: createdAt,
      })
      .execute();
    return at;
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
  ctx: Pick<AppContext, "store">,
  filter: { readonly sourceId?: string } = {},
): Promise<StoredRoutingRule[]> {
  return listRoutingRulesIn(ctx.store.db, filter);
}

/**
 * {@link listRoutingRules} on a given database handle (inside a transaction).
 *
 * @example
 * const rules = await listRoutingRulesIn(tx, { sourceId });
 */
export async function listRoutingRulesIn(
  db: Kysely<Database>,
  filter: { readonly sourceId?: string } = {},
): Promise<StoredRoutingRule[]> {
  let query = db.selectFrom("routing_rules").selectAll();
  const { sourceId } = filter;
  if (sourceId !== undefined) {
    query = query.where((eb) =>
      eb.or([eb("source_id", "is", null), eb("source_id", "=", sourceId)]),
    );
  }
  const rows = await query.orderBy("position").orderBy("created_at").execute();
  return rows.map(ruleFromRow);
}

/**
 * Removes a rule; an unknown id → `CWB_ERR_ALERT_ROUTING_RULE_NOT_FOUND`.
 *
 * @example
 * await removeRoutingRule(ctx, rule.id);
 */
export async function removeRoutingRule(ctx: Pick<AppContext, "store">, id: string): Promise<void> {
  const result = await ctx.store.db
    .deleteFrom("routing_rules")
    .where("id", "=", id)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) {
    throw new AlertError("CWB_ERR_ALERT_ROUTING_RULE_NOT_FOUND", `no routing rule '${id}'`);
  }
}
