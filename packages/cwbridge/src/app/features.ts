/**
 * The app registry: every feature, with its use cases and job handlers. The CLI, the server
 * and the worker read features from here and never from each other.
 */
import type { Feature } from "../core/feature.js";
import type { FeatureLinks, JobHandlers } from "../core/context.js";
import { countConnectionIncidents } from "../features/alerts/index.js";
import { connectionHasSources } from "../features/sources/index.js";
import { enqueueDeviceSync } from "../features/devices/index.js";
import { alertsFeature } from "../features/alerts/feature.js";
import { connectionsFeature } from "../features/connections/feature.js";
import { customersFeature } from "../features/customers/feature.js";
import { devicesFeature } from "../features/devices/feature.js";
import { eventsFeature } from "../features/events/feature.js";
import { inventoryFeature } from "../features/inventory/feature.js";
import { keysFeature } from "../features/keys/feature.js";
import { permissionsFeature } from "../features/permissions/feature.js";
import { reportsFeature } from "../features/reports/feature.js";
import { sourcesFeature } from "../features/sources/feature.js";

/** Every feature, by name. */
export const FEATURES = {
  connections: connectionsFeature,
  permissions: permissionsFeature,
  sources: sourcesFeature,
  customers: customersFeature,
  devices: devicesFeature,
  alerts: alertsFeature,
  events: eventsFeature,
  keys: keysFeature,
  reports: reportsFeature,
  inventory: inventoryFeature,
} as const satisfies Readonly<Record<string, Feature>>;

/**
 * The links of `FeatureLinks` (`core/context.ts`), each wired to the feature that implements it (a feature
 * calls `ctx.links.…` where importing the owner would close an import cycle).
 */
export const FEATURE_LINKS: FeatureLinks = {
  enqueueDeviceSync,
  countConnectionIncidents,
  connectionHasSources,
};

/** The registry's type (what `app.features` is). */
export type Features = typeof FEATURES;

/**
 * Every job handler of every feature, merged; a job kind handled twice is a bug.
 *
 * @example
 * await openApp({ config, handlers: appJobHandlers() });
 */
export function appJobHandlers(): JobHandlers {
  const merged: Record<string, JobHandlers[string]> = {};
  for (const feature of Object.values(FEATURES) as Feature[]) {
    for (const [kind, handler] of Object.entries(feature.jobHandlers)) {
      if (kind in merged) throw new Error(`job kind '${kind}' is handled by two features`);
      merged[kind] = handler;
    }
  }
  return merged;
}
