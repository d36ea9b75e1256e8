/**
 * Test-only: every job handler the engine runs in production, merged (what `main.ts` does:
 * `appJobHandlers()` of the feature registry), for the chaos/crash engines and the benchmarks.
 * A hand-kept list here once missed the customers' `customers-match` job, so its jobs stayed
 * pending and every drill waited for its drain timeout.
 */
import type { JobHandlers } from "../../src/core/context.js";
import { appJobHandlers } from "../../src/app/features.js";

/**
 * The merged handler map.
 *
 * @example
 * const engine = await world.openEngine({ handlers: engineHandlers() });
 */
export function engineHandlers(): JobHandlers {
  return appJobHandlers();
}
