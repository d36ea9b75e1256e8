/**
 * The inventory feature as the app registry sees it: its use cases and job handlers.
 */
import { defineFeature } from "../../core/feature.js";
import { inventoryJobHandlers } from "./jobs.js";
import {
  inventoryStatusCase,
  listContactsCase,
  listMembersCase,
  refreshInventoryCase,
} from "./use-cases.js";

/** The inventory feature (issue #9: user inventory). */
export const inventoryFeature = defineFeature({
  name: "inventory",
  useCases: {
    refresh: refreshInventoryCase,
    status: inventoryStatusCase,
    members: listMembersCase,
    contacts: listContactsCase,
  },
  jobHandlers: inventoryJobHandlers,
});
