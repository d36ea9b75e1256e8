/**
 * `cwbridge connections alerts <name>`: a connection's alert settings — the default ticket
 * target (board, type, subtype, item, priority, severity, impact; used when no routing rule
 * matches) and the close / duplicate status names. Without flags it prints them (defaults
 * applied); with flags it changes only what is given (flags as for `rules add`). The result is
 * validated, and with `--verify` every name is checked against ConnectWise, before anything is
 * stored. Only what was given is stored (merged with what was stored before); defaults are
 * resolved when the settings are read, so a changed default in code reaches the connection.
 */
import { issuePath } from "../../core/issue-path.js";
import { callUseCase } from "../../core/use-case.js";
import {
  alertSettingsSchema,
  type AlertSettings,
  type AlertSettingsInput,
} from "../../features/alerts/index.js";
import { usageError } from "../cli-error.js";
import { result, type CommandResult } from "../command-result.js";
import { resolveConnection } from "../resolve.js";
import { definedOnly, routeTargetOf, type RouteTargetFlags } from "../route-target-flags.js";
import type { CliSession } from "../session.js";

/** Flags of `connections alerts`. */
export interface ConnectionsAlertsOptions extends RouteTargetFlags {
  readonly name: string;
  readonly board?: string;
  readonly closeStatus?: string;
  readonly duplicateStatus?: string;
  readonly verify?: boolean;
}

/**
 * Shows or changes a connection's alert settings.
 *
 * @example
 * await connectionsAlerts(session, { name: "acme", board: "Monitoring Alerts", verify: true });
 */
export async function connectionsAlerts(
  session: CliSession,
  options: ConnectionsAlertsOptions,
): Promise<CommandResult> {
  const engine = await session.engine();
  const connection = await resolveConnection(engine.ctx, options.name);
  const cases = engine.features.alerts.useCases;
  const connectionId = connection.id;
  const changes = givenChanges(options);
  if (Object.keys(changes.defaults).length === 0 && Object.keys(changes.rest).length === 0) {
    const current = await callUseCase(engine.ctx, cases.readSettings, { connectionId });
    return result(
      { connection: connection.name, alerts: current },
      lines(connection.name, current),
    );
  }
  const given = withoutFilledInDefaults(
    await callUseCase(engine.ctx, cases.readStoredSettings, { connectionId }),
  );
  const defaults = { ...given.defaults, ...changes.defaults };
  const next: AlertSettingsInput = {
    ...given,
    ...changes.rest,
    ...(Object.keys(defaults).length === 0 ? {} : { defaults }),
  };
  validated(next);
  const stored = await callUseCase(engine.ctx, cases.writeSettings, {
    connectionId,
    settings: next,
    ...(options.verify === true ? { verify: true } : {}),
  });
  return result({ connection: connection.name, alerts: stored }, [
    `updated the alert settings of '${connection.name}'`,
    ...lines(connection.name, stored),
  ]);
}

/** Every field that has a default in code, with that default. */
const CODE_DEFAULTS: Readonly<Record<string, unknown>> = alertSettingsSchema.parse({});

/**
 * The stored settings without the fields that only hold their code default. Earlier versions
 * of this command stored the settings with every default filled in (`noteIntervalMs`,
 * `reopenWindowMs`, `settleWindowMs`, `attachConfiguration`: fields it has no flags for), which
 * pinned those defaults; dropping a value equal to the current default changes nothing now and
 * lets a later change of the default reach the connection.
 */
function withoutFilledInDefaults(stored: AlertSettingsInput): AlertSettingsInput {
  return Object.fromEntries(
    Object.entries(stored).filter(
      ([key, value]) => !(key in CODE_DEFAULTS) || value !== CODE_DEFAULTS[key],
    ),
  );
}

function givenChanges(options: ConnectionsAlertsOptions): {
  readonly defaults: Record<string, string>;
  readonly rest: Record<string, string>;
} {
  return {
    defaults: { ...definedOnly({ boardName: options.board }), ...routeTargetOf(options) },
    rest: definedOnly({
      closeStatusName: options.closeStatus,
      duplicateStatusName: options.duplicateStatus,
    }),
  };
}

/** Settings checked before anything is stored: bad flags are bad input (exit 2). */
function validated(settings: unknown): void {
  const parsed = alertSettingsSchema.safeParse(settings);
  if (parsed.success) return;
  const issues = parsed.error.issues.map((issue) => ({
    path: issuePath(issue.path),
    field: issue.path.map(String).join(".") || "(settings)",
    message: issue.message,
  }));
  throw usageError(
    `invalid alert settings: ${issues.map((i) => `${FLAGS[i.field] ?? i.field}: ${i.message}`).join("; ")}`,
    { issues },
  );
}

/** Settings fields → the flag that sets them (messages name the flags). */
const FLAGS: Readonly<Record<string, string>> = {
  "defaults.boardName": "--board",
  "defaults.boardId": "--board",
  "defaults.typeName": "--type",
  "defaults.subTypeName": "--subtype",
  "defaults.itemName": "--item",
  "defaults.priorityName": "--priority",
  "defaults.severity": "--severity",
  "defaults.impact": "--impact",
  closeStatusName: "--close-status",
  duplicateStatusName: "--duplicate-status",
};

function lines(name: string, settings: AlertSettings): string[] {
  const d = settings.defaults ?? {};
  const show = (value: string | number | undefined): string =>
    value === undefined ? "-" : String(value);
  // What a ticket gets when nothing is set (ingest's fallback): Medium / Medium.
  const level = (value: string | undefined): string => value ?? "Medium (default)";
  const levels =
    d.severity === undefined && d.impact === undefined
      ? "Medium / Medium (default)"
      : `${level(d.severity)} / ${level(d.impact)}`;
  return [
    `alert settings of '${name}':`,
    `  default board     ${d.boardName ?? d.boardId ?? "- (ConnectWise's default board)"}`,
    `  type / subtype / item  ${show(d.typeName)} / ${show(d.subTypeName)} / ${show(d.itemName)}`,
    `  priority          ${show(d.priorityName)}`,
    `  severity / impact ${levels}`,
    `  close status      ${settings.closeStatusName ?? "- (Closed, else the board's first closed status)"}`,
    `  duplicate status  ${show(settings.duplicateStatusName)}`,
  ];
}
