/**
 * Service setup tables: locations, departments, priorities, severities, impacts.
 */
import type { Entity } from "../types.js";

/** Location ids. */
export const LOCATION_IDS = { headOffice: 1, remote: 2 } as const;

/** Department ids. */
export const DEPARTMENT_IDS = { service: 1, noc: 2 } as const;

/**
 * The `locations` rows.
 *
 * @example
 * buildLocations()[0]; // { id: 1, name: "Head Office" }
 */
export function buildLocations(): Entity[] {
  return [
    { id: LOCATION_IDS.headOffice, name: "Head Office" },
    { id: LOCATION_IDS.remote, name: "Remote" },
  ];
}

/**
 * The `departments` rows.
 *
 * @example
 * buildDepartments()[0]; // { id: 1, identifier: "SVC", name: "Service" }
 */
export function buildDepartments(): Entity[] {
  return [
    { id: DEPARTMENT_IDS.service, identifier: "SVC", name: "Service" },
    { id: DEPARTMENT_IDS.noc, identifier: "NOC", name: "Network Operations" },
  ];
}

/**
 * The `priorities` rows: Priority 1 - Critical ... Priority 4 - Low; Priority 3 is the default.
 *
 * @example
 * buildPriorities().find((row) => row["defaultFlag"])?.name; // "Priority 3 - Medium"
 */
export function buildPriorities(): Entity[] {
  const rows: [string, string][] = [
    ["Priority 1 - Critical", "Red"],
    ["Priority 2 - High", "Orange"],
    ["Priority 3 - Medium", "Yellow"],
    ["Priority 4 - Low", "Green"],
  ];
  return rows.map(([name, color], index) => ({
    id: index + 1,
    name,
    color,
    sortOrder: index + 1,
    defaultFlag: index === 2,
    level: `Level${index + 1}`,
  }));
}

const LEVEL_DESCRIPTIONS = {
  severity: {
    Low: "Single user affected; a workaround exists",
    Medium: "Several users affected or degraded service",
    High: "Business-critical service down for many users",
  },
  impact: {
    Low: "Minimal effect on business operations",
    Medium: "Noticeable effect on a team or site",
    High: "Significant effect on the whole organisation",
  },
} as const;

function levels(kind: keyof typeof LEVEL_DESCRIPTIONS): Entity[] {
  const descriptions = LEVEL_DESCRIPTIONS[kind];
  return (["Low", "Medium", "High"] as const).map((name, index) => ({
    id: index + 1,
    name,
    description: descriptions[name],
    defaultFlag: name === "Medium",
  }));
}

/**
 * The `severities` rows (Low / Medium (default) / High).
 *
 * @example
 * buildSeverities().map((row) => row["name"]); // ["Low", "Medium", "High"]
 */
export function buildSeverities(): Entity[] {
  return levels("severity");
}

/**
 * The `impacts` rows (Low / Medium (default) / High).
 *
 * @example
 * buildImpacts().map((row) => row["name"]); // ["Low", "Medium", "High"]
 */
export function buildImpacts(): Entity[] {
  return levels("impact");
}
