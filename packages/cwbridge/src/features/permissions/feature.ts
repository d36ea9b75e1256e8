/**
 * The permissions feature as the app registry sees it: its use cases and job handlers.
 */
import { defineFeature } from "../../core/feature.js";
import { permissionsUseCases } from "./use-cases.js";
import { permissionsJobHandlers } from "./job-handlers.js";
/** The permissions feature. */
export const permissionsFeature = defineFeature({
  name: "permissions",
  useCases: permissionsUseCases,
  jobHandlers: permissionsJobHandlers,
});
