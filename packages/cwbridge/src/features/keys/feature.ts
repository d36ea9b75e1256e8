/**
 * The keys feature as the app registry sees it: its use cases and job handlers.
 */
import { defineFeature } from "../../core/feature.js";
import { keysUseCases } from "./use-cases.js";

/** The keys feature. */
export const keysFeature = defineFeature({
  name: "keys",
  useCases: keysUseCases,
  jobHandlers: {},
});
