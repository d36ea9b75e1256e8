/**
 * Test-only: every job handler the engine runs in production, merged (what `main.ts` does),
 * for the chaos/crash engines and the benchmarks.
 */
import type { JobHandlers } from "../../src/core/context.js";
import { alertJobHandlers } from "../../src/features/alerts/index.js";
import { deviceJobHandlers } from "../../src/features/devices/index.js";
import { permissionsJobHandlers } from "../../src/features/permissions/index.js";

/**
 * The merged handler map.
 *
 * @example
 * const engine = await world.openEngine({ handlers: engineHandlers() });
 */
export function engineHandlers(): JobHandlers {
  return { ...permissionsJobHandlers, ...deviceJobHandlers, ...alertJobHandlers };
}
