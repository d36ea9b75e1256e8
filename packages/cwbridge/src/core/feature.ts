/**
 * A feature as the app registry sees it: its name, its use cases and its job handlers (its
 * HTTP routes join here once the server exists). Each `features/<name>/feature.ts` exports one.
 */
import type { JobHandlers } from "./context.js";
import type { UseCase } from "./use-case.js";

/** One entry of the app registry. */
export interface Feature {
  readonly name: string;
  readonly useCases: Readonly<Record<string, UseCase>>;
  readonly jobHandlers: JobHandlers;
}

/**
 * Declares a feature (identity; keeps the literal types of its use cases).
 *
 * @example
 * export const connectionsFeature = defineFeature({ name: "connections", useCases: {}, jobHandlers: {} });
 */
export function defineFeature<F extends Feature>(feature: F): F {
  return feature;
}
