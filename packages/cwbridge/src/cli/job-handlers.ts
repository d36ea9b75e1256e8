/**
 * Every job handler the CLI's worker runs, merged from the feature modules.
 */
import type { JobHandlers } from "../engine/context.js";
import { alertJobHandlers } from "../services/alerts/index.js";
import { deviceJobHandlers } from "../services/devices/index.js";
import { permissionsJobHandlers } from "../services/permissions/index.js";

/**
 * The merged handlers (alerts, devices, permissions).
 *
 * @example
 * await createEngine({ config, handlers: cliJobHandlers() });
 */
export function cliJobHandlers(): JobHandlers {
  return { ...permissionsJobHandlers, ...deviceJobHandlers, ...alertJobHandlers };
}
