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
import { assertBoardForChildren } from "./route-resolver.js";

const duration = z
  .number()
  .int()
  .min(0)
  .max(365 * 86_400_000);

/**
 * The settings schema over a string schema and a target schema: the text rule for input, none
 * for settings already stored (a row written before the rule stays readable).
 */
function settingsSchema(text: () => z.ZodString, target: typeof storedRouteTargetSchema) {
  const name = text().trim().min(1).max(100);
  return z
    .object({
      /** Default ticket target (board, type, subtype, item, priority, severity, impact). */
      defaults: target.optional(),
      /** At most one repeat note per this interval. Default 15 minutes. */
      noteIntervalMs: duration.default(DEFAULT_INCIDENT_POLICY.noteIntervalMs),
      /** A re-fire within this time of the close reopens the ticket. Default 24 hours. */
      reopenWindowMs: duration.default(DEFAULT_INCIDENT_POLICY.reopenWindowMs),
      /**
       * After an ambiguous create, how long searches may still find the ticket before we create
       * again (reliability §2.4 SETTLE_WINDOW). Default 15 minutes.
       */
      settleWindowMs: duration.default(15 * 60_000),
      /** Closed status to use (by name) when the ticket's board has it; wins over "Closed". */
      closeStatusName: name.optional(),
      /** Closed status for duplicates; default: a closed status whose name contains "duplicate". */
      duplicateStatusName: name.optional(),
      /** Link the device's configuration to new tickets. Default true. */
      attachConfiguration: z.boolean().default(true),
    })
    .strict();
}

/** Schema of the `alerts` settings of a connection (`.strict()`). */
export const alertSettingsSchema = settingsSchema(safeString, routeTargetSchema);
/** {@link alertSettingsSchema} for stored settings (read back as they are). */
const storedSettingsSchema = settingsSchema(() => z.string(), storedRouteTargetSchema);

/** Parsed alert settings (defaults applied). */
export type AlertSettings = z.output<typeof alertSettingsSchema>;
/** Alert settings as given (every field optional). */
export type AlertSettingsInput = z.input<typeof alertSettingsSchema>;

type Reader = TenantDb;

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
  ctx: Pick<AppContext, "scope">,
  connectionId: string,
  settings: unknown,
): Promise<AlertSettings> {
  const parsed = alertSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    throw invalidInput("CWB_ERR_ALERT_SETTINGS_INVALID", "alert settings", parsed.error.issues);
  }
  // A default type / subtype / item without a default board is never used (a rule's board drops
  // them) and every later `--verify` refuses it: refuse it now, before anything is stored.
  if (parsed.data.defaults !== undefined) assertBoardForChildren(parsed.data.defaults);
  await ctx.scope.transaction(async (tx) => {
    const next = { ...(await connectionSettings(tx, connectionId)), alerts: settings };
    await updateConnectionRow(tx, connectionId, {
      settings_json: JSON.stringify(next),
      updated_at: nowIso(),
    });
  });
  return parsed.data;
}
