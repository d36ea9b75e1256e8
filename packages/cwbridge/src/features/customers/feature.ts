/**
 * The customers feature as the app registry sees it: its use cases and job handlers.
 */
import { defineFeature } from "../../core/feature.js";

/** The customers feature. */
export const customersFeature = defineFeature({
  name: "customers",
  useCases: {},
  jobHandlers: {},
});
