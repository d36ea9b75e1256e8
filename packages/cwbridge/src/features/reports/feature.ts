/**
 * The reports feature as the app registry sees it: its use cases (no tables, no jobs).
 */
import { defineFeature } from "../../core/feature.js";
import { reportsUseCases } from "./use-cases.js";

/** The reports feature. */
export const reportsFeature = defineFeature({
  name: "reports",
  useCases: reportsUseCases,
  jobHandlers: {},
});
