/**
 * The sources feature as the app registry sees it: its use cases and job handlers.
 */
import { defineFeature } from "../../core/feature.js";
import { sourcesUseCases } from "./use-cases.js";

/** The sources feature. */
export const sourcesFeature = defineFeature({
  name: "sources",
  useCases: sourcesUseCases,
  jobHandlers: {},
});
