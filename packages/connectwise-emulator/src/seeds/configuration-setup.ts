/**
 * Configuration setup tables: configuration types and statuses.
 */
import type { Entity } from "../types.js";

/** Configuration type names of the demo. */
export const CONFIGURATION_TYPE_NAMES = [
  "Managed Workstation",
  "Managed Server",
  "Network Device",
  "Firewall",
  "Backup Appliance",
  "Printer",
] as const;

/** A demo configuration type name. */
export type ConfigurationTypeName = (typeof CONFIGURATION_TYPE_NAMES)[number];

/**
 * The `configurationTypes` rows (`names` defaults to all demo types).
 *
 * @example
 * buildConfigurationTypes(["Managed Workstation"]); // [{ id: 1, name: "Managed Workstation", ... }]
 */
export function buildConfigurationTypes(
  names: readonly string[] = CONFIGURATION_TYPE_NAMES,
): Entity[] {
  return names.map((name, index) => ({
    id: index + 1,
    name,
    inactiveFlag: false,
    systemFlag: false,
  }));
}

/**
 * The `configurationStatuses` rows: Active (default), Inactive (closed), Retired (closed).
 * `count` keeps only the first statuses (the empty seed uses 1).
 *
 * @example
 * buildConfigurationStatuses()[0]; // { id: 1, description: "Active", closedFlag: false, defaultFlag: true }
 */
export function buildConfigurationStatuses(count = 3): Entity[] {
  const rows: Entity[] = [
    { id: 1, description: "Active", closedFlag: false, defaultFlag: true },
    { id: 2, description: "Inactive", closedFlag: true, defaultFlag: false },
    { id: 3, description: "Retired", closedFlag: true, defaultFlag: false },
  ];
  return rows.slice(0, count);
}
