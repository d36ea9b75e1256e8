/**
 * The alerts feature's repository of `routing_rules`: rules in order, inserted at a place
 * (later rules move down), removed by id. Every function takes the tenant-scoped handle, so
 * positions are per tenant.
 */
import type { Selectable } from "kysely";
import { storedRoutingRuleSchema, type RoutingRule } from "../../domain/routing.js";
import type { RoutingRulesTable } from "../../store/schema.js";
import type { TenantDb } from "../../store/tenant-scope.js";

/** A stored rule: its id, its place in the order, and the rule. */
export interface StoredRoutingRule {
  readonly id: string;
  readonly position: number;
  readonly rule: RoutingRule;
  readonly createdAt: string;
}

function ruleFromRow(row: Selectable<RoutingRulesTable>): StoredRoutingRule {
  const rule = storedRoutingRuleSchema.parse({
    match: JSON.parse(row.match_json) as unknown,
    target: JSON.parse(row.target_json) as unknown,
  });
  return { id: row.id, position: row.position, rule, createdAt: row.created_at };
}

/**
 * The rules in order; with `sourceId`, only the global ones and that source's.
 *
 * @example
 * const rules = await selectRoutingRules(tx, { sourceId });
 */
export async function selectRoutingRules(
  db: TenantDb,
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

/** What {@link insertRoutingRule} stores. */
export interface NewRoutingRule {
  readonly id: string;
  readonly rule: RoutingRule;
  readonly createdAt: string;
  /** 0-based place; past the end (or absent) means last. */
  readonly position?: number;
}

/**
 * Inserts a rule at its place (the rules from there move down) and returns the place it got.
 * Run it inside a transaction.
 *
 * @example
 * const position = await insertRoutingRule(tx, { id, rule, createdAt, position: 0 });
 */
export async function insertRoutingRule(tx: TenantDb, input: NewRoutingRule): Promise<number> {
  const last = await tx
    .selectFrom("routing_rules")
    .select((eb) => eb.fn.max("position").as("max"))
    .executeTakeFirst();
  const end = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
  const at = Math.min(input.position ?? end, end);
  if (at < end) {
    await tx
      .updateTable("routing_rules")
      .set((eb) => ({ position: eb("position", "+", 1) }))
      .where("position", ">=", at)
      .execute();
  }
  await tx
    .insertInto("routing_rules", {
      id: input.id,
      source_id: input.rule.match.sourceId ?? null,
      position: at,
      match_json: JSON.stringify(input.rule.match),
      target_json: JSON.stringify(input.rule.target),
      created_at: input.createdAt,
    })
    .execute();
  return at;
}

/**
 * Deletes a rule; false when there is none with that id.
 *
 * @example
 * if (!(await deleteRoutingRule(ctx.scope.db, id))) throw notFound();
 */
export async function deleteRoutingRule(db: TenantDb, id: string): Promise<boolean> {
  const result = await db.deleteFrom("routing_rules").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
