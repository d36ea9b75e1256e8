/**
 * The connections feature as the app registry sees it: its use cases and job handlers.
 */
import { defineFeature } from "../../core/feature.js";
import { connectionsUseCases } from "./use-cases.js";

/** The connections feature. */
export const connectionsFeature = defineFeature({
  name: "connections",
  useCases: connectionsUseCases,
  jobHandlers: {},
});
