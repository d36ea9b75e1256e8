/**
 * Test-only: every job handler the engine runs in production, merged (what `main.ts` does),
 * for the chaos/crash engines and the benchmarks.
 */
import type { JobHandlers } from "../../src/engine/context.js";
import { alertJobHandlers } from "../../src/services/alerts/index.js";
import { deviceJobHandlers } from "../../src/services/devices/index.js";
import { permissionsJobHandlers } from "../../src/services/permissions/index.js";

/**
 * The merged handler map.
 *
 * @example
 * const engine = await world.openEngine({ handlers: engineHandlers() });
 */
export function engineHandlers(): JobHandlers {
  return { ...permissionsJobHandlers, ...deviceJobHandlers, ...alertJobHandlers };
}
