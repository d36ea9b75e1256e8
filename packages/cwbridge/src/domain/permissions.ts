/**
 * The permission check: the API member's security rows (`GET /system/mySecurity`, or a role's
 * `SecurityRoleSetting`s) diffed against the manifest for the enabled features, with the exact
 * ConnectWise clicks that fix each gap.
 */
import {
  PERMISSION_MANIFEST,
  SECURITY_LEVELS,
  SECURITY_RIGHTS,
  type PermissionFeature,
  type PermissionRequirement,
  type SecurityLevel,
  type SecurityRight,
} from "./permission-manifest.js";

/** A `MySecurity` / `SecurityRoleSetting` row (only the fields used). */
export interface SecurityRow {
  readonly moduleName?: string | null;
  readonly moduleFunctionName?: string | null;
  readonly addLevel?: string | null;
  readonly editLevel?: string | null;
  readonly deleteLevel?: string | null;
  readonly inquireLevel?: string | null;
}

/** One right below the needed level. */
export interface MissingRight {
  readonly module: string;
  readonly function: string;
  readonly right: SecurityRight;
  readonly need: SecurityLevel;
  readonly have: SecurityLevel;
}

/** The check of one feature. */
export interface FeatureCheck {
  readonly feature: PermissionFeature;
  readonly title: string;
  readonly ok: boolean;
  readonly missing: readonly MissingRight[];
}

/** The whole report. */
export interface PermissionReport {
  readonly ok: boolean;
  readonly features: readonly FeatureCheck[];
  /** One line per module function to change, in ConnectWise's words. */
  readonly fix: readonly string[];
}

/**
 * Rank of a level (None 0 < My 1 < All 2); unknown or missing values count as None.
 *
 * @example
 * levelRank("all") // 2
 */
export function levelRank(level: string | null | undefined): number {
  const index = SECURITY_LEVELS.findIndex((l) => l.toLowerCase() === level?.trim().toLowerCase());
  return Math.max(0, index);
}

function nameKey(name: string | null | undefined): string {
  return (name ?? "")
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]/g, "");
}

type Have = Record<SecurityRight, SecurityLevel>;

function indexRows(rows: readonly SecurityRow[]): Map<string, Have> {
  const index = new Map<string, Have>();
  for (const row of rows) {
    const key = `${nameKey(row.moduleName)}/${nameKey(row.moduleFunctionName)}`;
    const have = index.get(key) ?? { add: "None", edit: "None", delete: "None", inquire: "None" };
    for (const right of SECURITY_RIGHTS) {
      const level = SECURITY_LEVELS[levelRank(row[`${right}Level`])] ?? "None";
      if (levelRank(level) > levelRank(have[right])) have[right] = level;
    }
    index.set(key, have);
  }
  return index;
}

function missingFor(requirement: PermissionRequirement, index: Map<string, Have>): MissingRight[] {
  const have = index.get(`${nameKey(requirement.module)}/${nameKey(requirement.function)}`);
  return SECURITY_RIGHTS.flatMap((right) => {
    const need = requirement.need[right];
    const current = have?.[right] ?? "None";
    if (need === undefined || levelRank(current) >= levelRank(need)) return [];
    return [
      { module: requirement.module, function: requirement.function, right, need, have: current },
    ];
  });
}

const RIGHT_LABEL = { add: "Add", edit: "Edit", delete: "Delete", inquire: "Inquire" } as const;

interface FixEntry {
  readonly module: string;
  readonly fn: string;
  readonly rights: Map<SecurityRight, SecurityLevel>;
  readonly note?: string;
}

function fixLines(features: readonly FeatureCheck[], roleName: string): string[] {
  const byFunction = new Map<string, FixEntry>();
  for (const check of features) {
    for (const miss of check.missing) {
      const key = `${miss.module}/${miss.function}`;
      const entry = byFunction.get(key) ?? {
        module: miss.module,
        fn: miss.function,
        rights: new Map<SecurityRight, SecurityLevel>(),
      };
      const prior = entry.rights.get(miss.right);
      if (prior === undefined || levelRank(miss.need) > levelRank(prior))
        entry.rights.set(miss.right, miss.need);
      const note = noteFor(check.feature, miss);
      byFunction.set(key, note === undefined ? entry : { ...entry, note });
    }
  }
  return [...byFunction.values()].map(({ module, fn, rights, note }) => {
    const sets = SECURITY_RIGHTS.filter((r) => rights.has(r)).map(
      (r) => `${RIGHT_LABEL[r]} to ${rights.get(r)}`,
    );
    const line = `System → Security Roles → ${roleName} → expand '${module}' → '${fn}': set ${sets.join(", ")}`;
    return note === undefined ? line : `${line}; then ${note}`;
  });
}

function noteFor(feature: PermissionFeature, miss: MissingRight): string | undefined {
  const requirements: readonly PermissionRequirement[] = PERMISSION_MANIFEST[feature].requirements;
  return requirements.find((r) => r.module === miss.module && r.function === miss.function)?.note;
}

/**
 * Checks the member's security rows against the manifest for `enabledFeatures`. Names are
 * matched case-insensitively (ignoring punctuation, `&` = "and"); a missing row means None.
 *
 * @example
 * const report = checkPermissions(await cw.system.mySecurity(), ["tickets", "close-tickets"], { roleName: "cwbridge" });
 * report.fix // ["System → Security Roles → cwbridge → expand 'Service Desk' → 'Close Service Tickets': set Edit to All, Inquire to All"]
 */
export function checkPermissions(
  rows: readonly SecurityRow[],
  enabledFeatures: readonly PermissionFeature[],
  options: { readonly roleName?: string } = {},
): PermissionReport {
  const index = indexRows(rows);
  const features = [...new Set(enabledFeatures)].map((feature): FeatureCheck => {
    const entry = PERMISSION_MANIFEST[feature];
    const missing = entry.requirements.flatMap((requirement) => missingFor(requirement, index));
    return { feature, title: entry.title, ok: missing.length === 0, missing };
  });
  const fix = fixLines(features, options.roleName ?? "<the API member's role>");
  return { ok: features.every((f) => f.ok), features, fix };
}
