/**
 * The alerts feature's use cases: one zod input schema per operation, the same for the CLI
 * (its flags mapped to the schema's shape), the coming HTTP routes and jobs. Each runs the
 * exported function of the same operation; bad input is the feature's own `*_INVALID` error.
 */
import { z } from "zod";
import type { AppIssue } from "../../core/app-error.js";
import { defineUseCase, thrownBy } from "../../core/use-case.js";
import { routingRuleSchema } from "../../domain/routing.js";
import { alertInputSchema } from "./alert-input.js";
import {
  alertSettingsInputSchema,
  parseAlertSettings,
  readAlertSettings,
  readStoredAlertSettings,
  writeAlertSettings,
} from "./alert-settings.js";
import { AlertError, type AlertErrorCode } from "./errors.js";
import { getIncident, incidentFilterSchema, listIncidents } from "./incident-queries.js";
import { ingestAlert, parseAlertEvent } from "./ingest-alert.js";
import { scheduleReconcileSweeps } from "./reconcile-tickets.js";
import {
  addRoutingRule,
  listRoutingRules,
  parseRoutingRule,
  removeRoutingRule,
} from "./routing-rules.js";

const id = z.string().min(1).max(200);

/** The error of input a use case's schema refused, listing every issue. */
function invalid(code: AlertErrorCode, what: string) {
  return (issues: readonly AppIssue[]): AlertError => {
    const lines = issues.map((i) => `  - ${i.path === "" ? "(root)" : i.path}: ${i.message}`);
    return new AlertError(code, `invalid ${what}:\n${lines.join("\n")}`, issues);
  };
}

/**
 * {@link invalid}, except when every issue is inside `raw[key]`: then the feature's own parser
 * of that part words the error (as the operation itself does when called directly).
 */
function invalidInside(
  code: AlertErrorCode,
  what: string,
  key: string,
  parse: (part: unknown) => unknown,
) {
  const fallback = invalid(code, what);
  const inside = new RegExp(`^${key}($|[.[])`);
  return async (issues: readonly AppIssue[], raw: unknown): Promise<AlertError> => {
    if (!issues.every((i) => inside.test(i.path))) return fallback(issues);
    const part = (raw as Record<string, unknown>)[key];
    const own = await thrownBy(() => parse(part));
    return own instanceof AlertError ? own : fallback(issues);
  };
}

/** Ingest one alert event (`event` is checked by the alert schema: `CWB_ERR_ALERT_INVALID`). */
export const ingestCase = defineUseCase({
  name: "ingest",
  summary: "Ingest one alert event from a source (durable, deduplicated)",
  input: z
    .object({
      sourceId: id.describe("the source the event comes from"),
      event: alertInputSchema.describe("the alert event, after the adapter mapped its payload"),
    })
    .strict(),
  invalid: invalidInside("CWB_ERR_ALERT_INVALID", "alert ingest input", "event", parseAlertEvent),
  run: (ctx, input) => ingestAlert(ctx, input.sourceId, input.event),
});

/** One incident by key (`undefined` when there is none in this tenant). */
export const getIncidentCase = defineUseCase({
  name: "get-incident",
  summary: "Show one incident by key",
  input: z.object({ key: z.string().min(1).max(2_000) }).strict(),
  invalid: invalid("CWB_ERR_ALERT_INVALID", "incident key"),
  run: (ctx, input) => getIncident(ctx, input.key),
});

/** Incidents, most recently updated first. */
export const listIncidentsCase = defineUseCase({
  name: "list-incidents",
  summary: "List incidents, most recently updated first",
  input: incidentFilterSchema,
  invalid: invalid("CWB_ERR_ALERT_INVALID", "incident filter"),
  run: (ctx, input) => listIncidents(ctx, input),
});

/** Add a routing rule (the rule itself is checked by the domain's schema). */
export const addRuleCase = defineUseCase({
  name: "add-rule",
  summary: "Add an alert routing rule (first match wins)",
  input: z
    .object({
      rule: routingRuleSchema.describe("what to match and the ticket target"),
      position: z
        .number()
        .int()
        .min(0)
        .optional()
        .describe("0-based place in the order (later rules move down); default last"),
      verifyConnectionId: id
        .optional()
        .describe("check every name of the target against this connection's ConnectWise"),
    })
    .strict(),
  invalid: invalidInside(
    "CWB_ERR_ALERT_ROUTING_RULE_INVALID",
    "routing rule input",
    "rule",
    parseRoutingRule,
  ),
  run: (ctx, input) =>
    addRoutingRule(ctx, input.rule, {
      ...(input.position === undefined ? {} : { position: input.position }),
      ...(input.verifyConnectionId === undefined
        ? {}
        : { verifyConnectionId: input.verifyConnectionId }),
    }),
});

/** The routing rules in order. */
export const listRulesCase = defineUseCase({
  name: "list-rules",
  summary: "List the alert routing rules in order",
  input: z.object({ sourceId: id.optional() }).strict(),
  invalid: invalid("CWB_ERR_ALERT_INVALID", "routing rule filter"),
  run: (ctx, input) =>
    listRoutingRules(ctx, input.sourceId === undefined ? {} : { sourceId: input.sourceId }),
});

/** Remove a routing rule by id. */
export const removeRuleCase = defineUseCase({
  name: "remove-rule",
  summary: "Remove an alert routing rule",
  input: z.object({ id }).strict(),
  invalid: invalid("CWB_ERR_ALERT_INVALID", "routing rule id"),
  run: async (ctx, input) => {
    await removeRoutingRule(ctx, input.id);
    return { removed: input.id };
  },
});

const connectionInput = z.object({ connectionId: id }).strict();

/** A connection's alert settings, defaults applied. */
export const readSettingsCase = defineUseCase({
  name: "read-settings",
  summary: "Show a connection's alert settings (defaults applied)",
  input: connectionInput,
  invalid: invalid("CWB_ERR_ALERT_INVALID", "connection id"),
  run: (ctx, input) => readAlertSettings(ctx.scope.db, input.connectionId),
});

/** A connection's alert settings as stored (only what was set). */
export const readStoredSettingsCase = defineUseCase({
  name: "read-stored-settings",
  summary: "Show a connection's alert settings as stored (no defaults filled in)",
  input: connectionInput,
  invalid: invalid("CWB_ERR_ALERT_INVALID", "connection id"),
  run: (ctx, input) => readStoredAlertSettings(ctx.scope.db, input.connectionId),
});

/**
 * Replace a connection's alert settings (stored as given, defaults resolved when read); with
 * `verify`, every name of the default target is checked against ConnectWise first.
 */
export const writeSettingsCase = defineUseCase({
  name: "write-settings",
  summary: "Replace a connection's alert settings",
  input: z
    .object({
      connectionId: id,
      settings: alertSettingsInputSchema.describe("the settings (only what is set is stored)"),
      verify: z
        .boolean()
        .optional()
        .describe("check every name of the default target against ConnectWise first"),
    })
    .strict(),
  invalid: invalidInside(
    "CWB_ERR_ALERT_SETTINGS_INVALID",
    "alert settings input",
    "settings",
    parseAlertSettings,
  ),
  run: (ctx, input) =>
    writeAlertSettings(ctx, input.connectionId, input.settings, {
      ...(input.verify === undefined ? {} : { verify: input.verify }),
    }),
});

/** Schedule the reconcile sweep of every enabled connection of the tenant. */
export const scheduleReconcileCase = defineUseCase({
  name: "schedule-reconcile",
  summary: "Schedule the ticket reconcile sweep of every enabled connection",
  input: z
    .object({
      everyMs: z.number().int().min(1).describe("sweep interval in ms"),
      runAt: z.iso
        .datetime({ offset: true })
        .optional()
        .describe("when the first sweep runs, ISO 8601 (default: everyMs from now)"),
    })
    .strict(),
  invalid: invalid("CWB_ERR_ALERT_INVALID", "reconcile schedule"),
  run: (ctx, input) =>
    scheduleReconcileSweeps(ctx, {
      everyMs: input.everyMs,
      ...(input.runAt === undefined ? {} : { runAt: new Date(input.runAt) }),
    }),
});

/** Every use case of the alerts feature, by name. */
export const alertUseCases = {
  ingest: ingestCase,
  getIncident: getIncidentCase,
  listIncidents: listIncidentsCase,
  addRule: addRuleCase,
  listRules: listRulesCase,
  removeRule: removeRuleCase,
  readSettings: readSettingsCase,
  readStoredSettings: readStoredSettingsCase,
  writeSettings: writeSettingsCase,
  scheduleReconcile: scheduleReconcileCase,
} as const;
