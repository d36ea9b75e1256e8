/**
 * The devices feature as the app registry sees it: its use cases and job handlers.
 */
import { defineFeature } from "../../core/feature.js";
import { deviceJobHandlers } from "./jobs.js";
import {
  approveDeactivationsCase,
  planSyncCase,
  pushDevicesCase,
  resolveAdoptionCase,
  runSyncCase,
  syncReportsCase,
} from "./use-cases.js";

/** The devices feature. */
export const devicesFeature = defineFeature({
  name: "devices",
  useCases: {
    push: pushDevicesCase,
    plan: planSyncCase,
    sync: runSyncCase,
    approveDeactivations: approveDeactivationsCase,
    reports: syncReportsCase,
    resolveAdoption: resolveAdoptionCase,
  },
  jobHandlers: deviceJobHandlers,
});
