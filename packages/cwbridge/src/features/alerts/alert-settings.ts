/**
 * Per-connection alert settings, stored under the `alerts` key of `connections.settings_json`
 * (the other keys belong to other services and are kept as they are).
 */
import { z } from "zod";
import { DEFAULT_INCIDENT_POLICY } from "../../domain/incident.js";
import { routeTargetSchema, storedRouteTargetSchema } from "../../domain/routing.js";
import { safeString } from "../../domain/safe-text.js";
import type { AppContext } from "../../core/context.js";
import type { TenantDb } from "../../store/tenant-scope.js";
import { AlertError, invalidInput } from "./errors.js";
import { findConnectionRow, updateConnectionRow } from "../connections/index.js";
import { nowIso } from "../../store/now.js";
import { assertBoardForChildren, resolveRouteTarget } from "./route-resolver.js";

const duration = z
  .number()
  .int()
  .min(0)
  .max(365 * 86_400_000);

/** The defaults in code of the settings that have one (resolved when the settings are read). */
const SETTING_DEFAULTS = {
  noteIntervalMs: DEFAULT_INCIDENT_POLICY.noteIntervalMs,
  reopenWindowMs: DEFAULT_INCIDENT_POLICY.reopenWindowMs,
  settleWindowMs: 15 * 60_000,
  attachConfiguration: true,
} as const;

/** The fields of the settings schema over a string schema and a target schema. */
function settingsFields(text: () => z.ZodString, target: typeof storedRouteTargetSchema) {
  const name = text().trim().min(1).max(100);
  return {
    defaults: target
      .optional()
      .describe("default ticket target (board, type, subtype, item, priority, severity, impact)"),
    noteIntervalMs: duration.describe("at most one repeat note per this interval (default 15 min)"),
    reopenWindowMs: duration.describe(
      "a re-fire within this time of the close reopens the ticket (default 24 h)",
    ),
    // After an ambiguous create, how long searches may still find the ticket before we create
    // again (reliability §2.4 SETTLE_WINDOW).
    settleWindowMs: duration.describe(
      "after an ambiguous create, how long searches may still find the ticket (default 15 min)",
    ),
    closeStatusName: name
      .optional()
      .describe('closed status to use when the board has it; wins over "Closed"'),
    duplicateStatusName: name
      .optional()
      .describe('closed status for duplicates (default: one whose name contains "duplicate")'),
    attachConfiguration: z
      .boolean()
      .describe("link the device's configuration to new tickets (default true)"),
  };
}

/**
 * The settings schema over a string schema and a target schema: the text rule for input, none
 * for settings already stored (a row written before the rule stays readable); with `defaults`,
 * the fields that have a default in code get it.
 */
function settingsSchema(text: () => z.ZodString, target: typeof storedRouteTargetSchema) {
  const f = settingsFields(text, target);
  return z
    .object({
      ...f,
      noteIntervalMs: f.noteIntervalMs.default(SETTING_DEFAULTS.noteIntervalMs),
      reopenWindowMs: f.reopenWindowMs.default(SETTING_DEFAULTS.reopenWindowMs),
      settleWindowMs: f.settleWindowMs.default(SETTING_DEFAULTS.settleWindowMs),
      attachConfiguration: f.attachConfiguration.default(SETTING_DEFAULTS.attachConfiguration),
    })
    .strict();
}

/** Schema of the `alerts` settings of a connection (`.strict()`). */
export const alertSettingsSchema = settingsSchema(safeString, routeTargetSchema);
/** {@link alertSettingsSchema} for stored settings (read back as they are). */
const storedSettingsSchema = settingsSchema(() => z.string(), storedRouteTargetSchema);

/**
 * The settings as given (what is stored): {@link alertSettingsSchema} without its defaults
 * filled in, so a changed default in code reaches every connection that did not set the field.
 */
export const alertSettingsInputSchema = (() => {
  const f = settingsFields(safeString, routeTargetSchema);
  return z
    .object({
      ...f,
      noteIntervalMs: f.noteIntervalMs.optional(),
      reopenWindowMs: f.reopenWindowMs.optional(),
      settleWindowMs: f.settleWindowMs.optional(),
      attachConfiguration: f.attachConfiguration.optional(),
    })
    .strict();
})();

/** Parsed alert settings (defaults applied). */
export type AlertSettings = z.output<typeof alertSettingsSchema>;
/** Alert settings as given (every field optional). */
export type AlertSettingsInput = z.input<typeof alertSettingsSchema>;

type Reader = TenantDb;

/** Options of {@link writeAlertSettings}. */
export interface WriteAlertSettingsOptions {
  /**
   * Check every name of the default target against ConnectWise first (unknown names →
   * `CWB_ERR_ALERT_ROUTE_UNRESOLVED`) before anything is stored.
   */
  readonly verify?: boolean;
}

type WriteCtx = Pick<AppContext, "scope" | "store" | "tenant" | "clients" | "clock">;

function parseSettingsJson(json: string): Record<string, unknown> {
  const value: unknown = JSON.parse(json);
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The parsed `settings_json` of a connection (every service's keys). */
async function connectionSettings(
  db: Reader,
  connectionId: string,
): Promise<Record<string, unknown>> {
  const json = (await findConnectionRow(db, connectionId))?.settings_json;
  if (json === undefined) {
    throw new AlertError("CWB_ERR_ALERT_UNKNOWN_CONNECTION", `no connection '${connectionId}'`);
  }
  return parseSettingsJson(json);
}

/** The stored `alerts` object of a connection (`{}` when none), as it is in the row. */
async function storedAlertsJson(db: Reader, connectionId: string): Promise<unknown> {
  return (await connectionSettings(db, connectionId))["alerts"] ?? {};
}

function parseStored(stored: unknown): AlertSettings {
  const parsed = storedSettingsSchema.safeParse(stored);
  if (!parsed.success) {
    throw invalidInput(
      "CWB_ERR_ALERT_SETTINGS_INVALID",
      "stored alert settings",
      parsed.error.issues,
    );
  }
  return parsed.data;
}

/**
 * The alert settings of a connection (defaults for anything unset). Defaults are resolved here,
 * when the settings are read, so a changed default reaches every connection that did not set
 * the field itself.
 *
 * @example
 * const { noteIntervalMs, defaults } = await readAlertSettings(ctx.scope.db, connectionId);
 */
export async function readAlertSettings(db: Reader, connectionId: string): Promise<AlertSettings> {
  return parseStored(await storedAlertsJson(db, connectionId));
}

/**
 * The alert settings of a connection as stored: only the fields that were set, no defaults
 * filled in (validated like {@link readAlertSettings}). For changing some fields and writing
 * the rest back as they were.
 *
 * @example
 * const given = await readStoredAlertSettings(ctx.scope.db, connectionId);
 * await writeAlertSettings(ctx, connectionId, { ...given, closeStatusName: "Resolved" });
 */
export async function readStoredAlertSettings(
  db: Reader,
  connectionId: string,
): Promise<AlertSettingsInput> {
  const stored = await storedAlertsJson(db, connectionId);
  parseStored(stored);
  return stored as AlertSettingsInput;
}

/**
 * Replaces the alert settings of a connection (validated: bad settings →
 * `CWB_ERR_ALERT_SETTINGS_INVALID`, a default type / subtype / item without a default board →
 * `CWB_ERR_ALERT_ROUTE_INVALID`; other settings keys untouched). What
 * is stored is `settings` as given, without defaults filled in; the parsed settings (defaults
 * applied) are returned.
 *
 * @example
 * await writeAlertSettings(ctx, connectionId, { defaults: { boardName: "Monitoring Alerts" }, reopenWindowMs: 3_600_000 });
 */
export async function writeAlertSettings(
  ctx: WriteCtx,
  connectionId: string,
  settings: unknown,
  options: WriteAlertSettingsOptions = {},
): Promise<AlertSettings> {
  const parsed = parseAlertSettings(settings);
  // A default type / subtype / item without a default board is never used (a rule's board drops
  // them) and every later `--verify` refuses it: refuse it now, before anything is stored.
  if (parsed.defaults !== undefined) assertBoardForChildren(parsed.defaults);
  if (options.verify === true && parsed.defaults !== undefined) {
    await resolveRouteTarget(ctx, connectionId, parsed.defaults);
  }
  await ctx.scope.transaction(async (tx) => {
    const next = { ...(await connectionSettings(tx, connectionId)), alerts: settings };
    await updateConnectionRow(tx, connectionId, {
      settings_json: JSON.stringify(next),
      updated_at: nowIso(),
    });
  });
  return parsed;
}

/**
 * Validates alert settings (defaults applied); throws `CWB_ERR_ALERT_SETTINGS_INVALID` listing
 * every bad field.
 *
 * @example
 * const settings = parseAlertSettings({ closeStatusName: "Resolved" });
 */
export function parseAlertSettings(settings: unknown): AlertSettings {
  const parsed = alertSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    throw invalidInput("CWB_ERR_ALERT_SETTINGS_INVALID", "alert settings", parsed.error.issues);
  }
  return parsed.data;
}
