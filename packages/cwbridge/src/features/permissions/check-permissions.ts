/**
 * The permission check of a connection: `GET /system/mySecurity` (all pages), and
 * `GET /system/mySecurity/customizeItems` when a feature needs a Customize-list entry (Table
 * Setup's Service / Service Board columns), diffed against
 * the permission manifest for the enabled features (explicit, else the connection's
 * `settings.features`, else {@link CORE_FEATURES}); the report (per feature: missing rights,
 * plus the ConnectWise clicks that fix them) is stored as the connection's latest report in
 * `kv` (`permissions:report:<id>`) with the time of the check.
 */
import { ConnectWiseError } from "@cwbridge/connectwise";
import { z } from "zod";
import type { ForbiddenRecord } from "../../connectwise/forbidden.js";
import { PERMISSION_FEATURES, type PermissionFeature } from "../../domain/permission-manifest.js";
import {
  checkPermissions as checkPermissionRows,
  needsCustomizeItems,
  type CustomizeItemRow,
  type PermissionReport,
  type SecurityRow,
} from "../../domain/permissions.js";
import type { AppContext } from "../../core/context.js";
import { readSettings, requireConnectionRow } from "../connections/index.js";
import { PermissionsError } from "./errors.js";
import { readPermissionRecords, saveReportJson } from "./repository.js";

/** The features checked when neither the caller nor the connection settings say. */
export const CORE_FEATURES: readonly PermissionFeature[] = [
  "connection",
  "companies-read",
  "configurations",
  "table-setup",
  "tickets",
  "close-tickets",
];

/** A stored report. */
export interface StoredPermissionReport {
  readonly connectionId: string;
  readonly checkedAt: string;
  readonly roleName: string | null;
  readonly features: readonly PermissionFeature[];
  readonly report: PermissionReport;
}

/** Options of {@link checkPermissions}. */
export interface CheckPermissionsOptions {
  readonly features?: readonly string[];
}

const optionsSchema = z
  .object({ features: z.array(z.enum(PERMISSION_FEATURES)).min(1).optional() })
  .strict();

/**
 * Checks a connection's API member against the manifest and stores the report.
 *
 * @example
 * const { report } = await checkPermissions(ctx, "acme");
 * for (const line of report.fix) console.log(line);
 */
export async function checkPermissions(
  ctx: AppContext,
  connectionRef: string,
  options: CheckPermissionsOptions = {},
): Promise<StoredPermissionReport> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new PermissionsError(
      "CWB_ERR_PERMISSIONS_INVALID",
      `invalid permission-check options: features must be among ${PERMISSION_FEATURES.join(", ")}`,
    );
  }
  const row = await requireConnectionRow(ctx, connectionRef);
  const features =
    parsed.data.features ?? enabledFeatures(readSettings(row.settings_json).settings.features);
  const cw = await ctx.clients.forConnection(row.id);
  const rows = await cw.system.mySecurity().catch((error: unknown) => {
    throw unreadable(error);
  });
  const roleName = await cw.system
    .myMember()
    .then((me) => me.securityRole?.name ?? null)
    .catch(() => null);
  const customize = needsCustomizeItems(features)
    ? await readCustomizeItems(cw.system)
    : { unchecked: [] };
  const report = checkPermissionRows(rows.map(toSecurityRow), features, {
    ...(roleName === null ? {} : { roleName }),
    ...customize,
  });
  const stored: StoredPermissionReport = {
    connectionId: row.id,
    checkedAt: ctx.clock.now().toISOString(),
    roleName,
    features,
    report,
  };
  await saveReportJson(ctx.scope.db, row.id, JSON.stringify(stored));
  ctx.log.info(
    {
      connectionId: row.id,
      ok: report.ok,
      missing: report.features.filter((f) => !f.ok).map((f) => f.feature),
    },
    "permission check done",
  );
  return stored;
}

/**
 * The latest stored report and the latest 403 of a connection (either may be undefined).
 *
 * @example
 * const { report, forbidden } = await latestPermissionReport(ctx, "acme");
 */
export async function latestPermissionReport(
  ctx: AppContext,
  connectionRef: string,
): Promise<{ report?: StoredPermissionReport; forbidden?: ForbiddenRecord }> {
  const row = await requireConnectionRow(ctx, connectionRef);
  const { report, forbidden } = await readPermissionRecords(ctx.scope.db, row.id);
  return {
    ...(report === undefined ? {} : { report: JSON.parse(report) as StoredPermissionReport }),
    ...(forbidden === undefined ? {} : { forbidden: JSON.parse(forbidden) as ForbiddenRecord }),
  };
}

/**
 * A `MySecurity` row as the domain's `SecurityRow`. `moduleName` is in the 2025.16 schema but
 * not in the client's type (rows are loose at runtime); `moduleIdentifier` is the fallback.
 *
 * @example
 * toSecurityRow({ id: 1, moduleName: "System", moduleFunctionName: "Table Setup", addLevel: "All" });
 */
export function toSecurityRow(row: { readonly [key: string]: unknown }): SecurityRow {
  const text = (key: string): string | null => {
    const value = row[key];
    return typeof value === "string" ? value : null;
  };
  return {
    moduleName: text("moduleName") ?? text("moduleIdentifier"),
    moduleFunctionName: text("moduleFunctionName"),
    addLevel: text("addLevel"),
    editLevel: text("editLevel"),
    deleteLevel: text("deleteLevel"),
    inquireLevel: text("inquireLevel"),
  };
}

/**
 * The role's Customize list; when it cannot be read (older servers, a 403) the customisation
 * is reported as unchecked rather than missing.
 */
async function readCustomizeItems(system: {
  mySecurityCustomizeItems(): Promise<readonly CustomizeItemRow[]>;
}): Promise<{ customizeItems?: readonly CustomizeItemRow[]; unchecked: readonly string[] }> {
  try {
    return { customizeItems: await system.mySecurityCustomizeItems(), unchecked: [] };
  } catch (error) {
    const code = error instanceof ConnectWiseError ? ` (${error.code})` : "";
    return {
      unchecked: [
        `the role's Customize lists (Table Setup columns) could not be read from /system/mySecurity/customizeItems${code}; check them in ConnectWise by hand`,
      ],
    };
  }
}

function enabledFeatures(configured: readonly string[] | undefined): PermissionFeature[] {
  const known: readonly string[] = PERMISSION_FEATURES;
  const valid = (configured ?? []).filter((f): f is PermissionFeature => known.includes(f));
  return valid.length > 0 ? [...new Set(["connection" as const, ...valid])] : [...CORE_FEATURES];
}

function unreadable(error: unknown): PermissionsError {
  const code = error instanceof ConnectWiseError ? error.code : undefined;
  return new PermissionsError(
    "CWB_ERR_PERMISSIONS_UNREADABLE",
    `could not read /system/mySecurity${code === undefined ? "" : ` (${code})`}: test the connection first (cwbridge connections test)`,
    { cause: error },
  );
}
