/**
 * The devices feature as the app registry sees it: its use cases and job handlers.
 */
import { defineFeature } from "../../core/feature.js";
import { deviceJobHandlers } from "./jobs.js";
/** The devices feature. */
export const devicesFeature = defineFeature({
  name: "devices",
  useCases: {},
  jobHandlers: deviceJobHandlers,
});
