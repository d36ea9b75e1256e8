/**
 * The events feature as the app registry sees it: its use cases and job handlers.
 */
import { defineFeature } from "../../core/feature.js";
import { eventsUseCases } from "./use-cases.js";

/** The events feature. */
export const eventsFeature = defineFeature({
  name: "events",
  useCases: eventsUseCases,
  jobHandlers: {},
});
