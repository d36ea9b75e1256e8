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

/** A `MySecurityCustomizeItem` row (only the fields used). */
export interface CustomizeItemRow {
  readonly customizeIdentifier?: string | null | undefined;
  readonly itemIdentifier?: string | null | undefined;
}

/** A Customize-list entry the role lacks (e.g. Table Setup's Service / Service Board). */
export interface MissingCustomization {
  readonly module: string;
  readonly function: string;
  readonly customizeIdentifier: string;
  readonly item: string;
  readonly label: string;
}

/** The check of one feature. */
export interface FeatureCheck {
  readonly feature: PermissionFeature;
  readonly title: string;
  readonly ok: boolean;
  readonly missing: readonly MissingRight[];
  /** Customize-list entries missing (empty when the list was not read). */
  readonly missingCustomizations?: readonly MissingCustomization[];
}

/** The whole report. */
export interface PermissionReport {
  readonly ok: boolean;
  readonly features: readonly FeatureCheck[];
  /** One line per module function to change, in ConnectWise's words. */
  readonly fix: readonly string[];
  /** What could not be checked (e.g. the Customize list was unreadable), in plain words. */
  readonly unchecked?: readonly string[];
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

const customizeKey = (identifier: string | null | undefined, item: string | null | undefined) =>
  `${nameKey(identifier)}/${nameKey(item)}`;

function missingCustomizationsFor(
  requirement: PermissionRequirement,
  have: ReadonlySet<string>,
): MissingCustomization[] {
  return (requirement.customize ?? [])
    .filter((entry) => !have.has(customizeKey(entry.customizeIdentifier, entry.item)))
    .map((entry) => ({
      module: requirement.module,
      function: requirement.function,
      customizeIdentifier: entry.customizeIdentifier,
      item: entry.item,
      label: entry.label,
    }));
}

function customizeFixLines(features: readonly FeatureCheck[], roleName: string): string[] {
  const byFunction = new Map<string, { module: string; fn: string; labels: Set<string> }>();
  for (const check of features) {
    for (const miss of check.missingCustomizations ?? []) {
      const key = `${miss.module}/${miss.function}`;
      const entry = byFunction.get(key) ?? {
        module: miss.module,
        fn: miss.function,
        labels: new Set<string>(),
      };
      entry.labels.add(miss.label);
      byFunction.set(key, entry);
    }
  }
  return [...byFunction.values()].map(
    ({ module, fn, labels }) =>
      `System → Security Roles → ${roleName} → expand '${module}' → '${fn}' → click Customize → under 'Allow access to these columns' add ${[...labels].map((l) => `'${l}'`).join(", ")} → Save`,
  );
}

function noteFor(feature: PermissionFeature, miss: MissingRight): string | undefined {
  const requirements: readonly PermissionRequirement[] = PERMISSION_MANIFEST[feature].requirements;
  return requirements.find((r) => r.module === miss.module && r.function === miss.function)?.note;
}

/**
 * Checks the member's security rows against the manifest for `enabledFeatures`. Names are
 * matched case-insensitively (ignoring punctuation, `&` = "and"); a missing row means None.
 * With `customizeItems` (`GET /system/mySecurity/customizeItems`) the Customize-list entries
 * the manifest asks for (Table Setup's Service / Service Board columns) are checked too;
 * without it they are not (`unchecked` may say why).
 *
 * @example
 * const report = checkPermissions(await cw.system.mySecurity(), ["tickets", "close-tickets"], { roleName: "cwbridge" });
 * report.fix // ["System → Security Roles → cwbridge → expand 'Service Desk' → 'Close Service Tickets': set Edit to All, Inquire to All"]
 */
export function checkPermissions(
  rows: readonly SecurityRow[],
  enabledFeatures: readonly PermissionFeature[],
  options: {
    readonly roleName?: string;
    readonly customizeItems?: readonly CustomizeItemRow[];
    readonly unchecked?: readonly string[];
  } = {},
): PermissionReport {
  const index = indexRows(rows);
  const have =
    options.customizeItems === undefined
      ? undefined
      : new Set(
          options.customizeItems.map((row) =>
            customizeKey(row.customizeIdentifier, row.itemIdentifier),
          ),
        );
  const features = [...new Set(enabledFeatures)].map((feature): FeatureCheck => {
    const entry = PERMISSION_MANIFEST[feature];
    const requirements: readonly PermissionRequirement[] = entry.requirements;
    const missing = requirements.flatMap((requirement) => missingFor(requirement, index));
    const missingCustomizations =
      have === undefined
        ? []
        : requirements.flatMap((requirement) => missingCustomizationsFor(requirement, have));
    return {
      feature,
      title: entry.title,
      ok: missing.length === 0 && missingCustomizations.length === 0,
      missing,
      missingCustomizations,
    };
  });
  const role = options.roleName ?? "<the API member's role>";
  const fix = [...fixLines(features, role), ...customizeFixLines(features, role)];
  return {
    ok: features.every((f) => f.ok),
    features,
    fix,
    ...(options.unchecked === undefined || options.unchecked.length === 0
      ? {}
      : { unchecked: options.unchecked }),
  };
}

/**
 * True when one of `features` needs a Customize-list entry (so the list is worth reading).
 *
 * @example
 * needsCustomizeItems(["table-setup"]); // true
 */
export function needsCustomizeItems(features: readonly PermissionFeature[]): boolean {
  return features.some((feature) =>
    (PERMISSION_MANIFEST[feature].requirements as readonly PermissionRequirement[]).some(
      (requirement) => (requirement.customize ?? []).length > 0,
    ),
  );
}
