/**
 * The customers feature as the app registry sees it: its use cases and job handlers.
 */
import { defineFeature } from "../../core/feature.js";
import { customersJobHandlers } from "./auto-match.js";
import {
  listCompaniesCase,
  listMappingsCase,
  mapCustomerCase,
  matchCustomersCase,
  pushCustomersCase,
  refreshCompaniesCase,
  unmapCustomerCase,
} from "./use-cases.js";

/** The customers feature. */
export const customersFeature = defineFeature({
  name: "customers",
  useCases: {
    push: pushCustomersCase,
    refreshCompanies: refreshCompaniesCase,
    match: matchCustomersCase,
    list: listMappingsCase,
    map: mapCustomerCase,
    unmap: unmapCustomerCase,
    listCompanies: listCompaniesCase,
  },
  jobHandlers: customersJobHandlers,
});
