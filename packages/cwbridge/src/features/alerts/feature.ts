/**
 * The alerts feature as the app registry sees it: its use cases and job handlers.
 */
import { defineFeature } from "../../core/feature.js";
import { alertJobHandlers } from "./alert-jobs.js";
import { alertUseCases } from "./use-cases.js";
/** The alerts feature. */
export const alertsFeature = defineFeature({
  name: "alerts",
  useCases: alertUseCases,
  jobHandlers: alertJobHandlers,
});
