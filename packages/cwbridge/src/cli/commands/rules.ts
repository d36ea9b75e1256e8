/**
 * `cwbridge rules add|list|remove`: alert routing rules (first match wins; an event no rule
 * matches goes to the connection's default board). `add` can verify every name of the target
 * against ConnectWise with `--verify`.
 */
import { callUseCase } from "../../core/use-case.js";
import type { StoredRoutingRule } from "../../features/alerts/index.js";
import { usageError } from "../cli-error.js";
import { result, type CommandResult } from "../command-result.js";
import { table } from "../render/table.js";
import { resolveConnection, resolveSource } from "../resolve.js";
import { definedOnly, routeTargetOf, type RouteTargetFlags } from "../route-target-flags.js";
import type { CliSession } from "../session.js";
import { parseLabels } from "./push-alert.js";

/** Flags of `rules add`. */
export interface RulesAddOptions extends RouteTargetFlags {
  readonly board: string;
  readonly source?: string;
  readonly alertName?: string;
  readonly policy?: string;
  readonly label?: readonly string[];
  readonly position?: string;
  readonly verify?: string | boolean;
}

/**
 * Adds a routing rule.
 *
 * @example
 * await rulesAdd(session, { board: "Alerts", alertName: "Disk*", priority: "Priority 2 - Quote" });
 */
export async function rulesAdd(
  session: CliSession,
  options: RulesAddOptions,
): Promise<CommandResult> {
  const engine = await session.engine();
  const source =
    options.source === undefined ? undefined : await resolveSource(engine.ctx, options.source);
  const verify =
    options.verify === undefined || options.verify === false
      ? undefined
      : await resolveConnection(engine.ctx, options.verify === true ? undefined : options.verify);
  const position = options.position === undefined ? undefined : Number(options.position);
  if (position !== undefined && !(Number.isInteger(position) && position >= 0)) {
    throw usageError("--position must be a non-negative integer");
  }
  const stored = await callUseCase(engine.ctx, engine.features.alerts.useCases.addRule, {
    rule: toRule(options, source?.id),
    ...(position === undefined ? {} : { position }),
    ...(verify === undefined ? {} : { verifyConnectionId: verify.id }),
  });
  return result({ rule: stored }, [`added rule ${stored.id} at position ${stored.position}`]);
}

/**
 * Lists routing rules in order.
 *
 * @example
 * await rulesList(session);
 */
export async function rulesList(session: CliSession): Promise<CommandResult> {
  const engine = await session.engine();
  const rules = await callUseCase(engine.ctx, engine.features.alerts.useCases.listRules, {});
  return result({ rules }, ruleLines(rules));
}

/**
 * Removes a routing rule by id.
 *
 * @example
 * await rulesRemove(session, { id: "01J…" });
 */
export async function rulesRemove(
  session: CliSession,
  options: { readonly id: string },
): Promise<CommandResult> {
  const engine = await session.engine();
  await callUseCase(engine.ctx, engine.features.alerts.useCases.removeRule, { id: options.id });
  return result({ removed: options.id }, [`removed rule ${options.id}`]);
}

function toRule(options: RulesAddOptions, sourceId: string | undefined): Record<string, unknown> {
  const board = /^\d+$/.test(options.board)
    ? { boardId: Number(options.board) }
    : { boardName: options.board };
  const match = definedOnly<unknown>({
    sourceId,
    alertName: options.alertName,
    policy: options.policy,
    labels: options.label === undefined ? undefined : parseLabels(options.label),
  });
  return { match, target: { ...board, ...routeTargetOf(options) } };
}

function ruleLines(rules: readonly StoredRoutingRule[]): string[] {
  if (rules.length === 0) return ["no routing rules (alerts go to the connection's default board)"];
  return table(
    ["#", "id", "match", "target"],
    rules.map((r) => [
      String(r.position),
      r.id,
      JSON.stringify(r.rule.match),
      JSON.stringify(r.rule.target),
    ]),
  );
}
