export {
  toCompany,
  listCompanies,
  type CompanyListItem,
  type ListCompaniesOptions,
} from "./company-row.js";
export {
  customerInputSchema,
  customersInputSchema,
  MAX_CUSTOMERS_PER_PUSH,
  type CustomerInput,
} from "./customer-schema.js";
export { CustomerError, type CustomerErrorCode } from "./errors.js";
export { describeIssues } from "../../lib/describe-issues.js";
export { mapCustomer, mapTargetSchema, unmapCustomer, type MapTarget } from "./map-customer.js";
export {
  listMappings,
  storedMethod,
  toMapping,
  type ListMappingsOptions,
  type Mapping,
} from "./mapping-row.js";
export {
  matchCustomers,
  type MatchCustomersOptions,
  type MatchReport,
  type ReviewItem,
} from "./match-customers.js";
export { nextStamp } from "../../lib/monotonic-stamp.js";
export { pushCustomers } from "./push-customers.js";
export { refreshCompanies, type RefreshCompaniesOptions } from "./refresh-companies.js";
export {
  cachedCompanyName,
  companiesOfCustomers,
  companiesToSync,
  customerName,
  mappedCompanyIds,
  mappedCustomerIds,
  mappingsOfCompanies,
  mappingTarget,
  notePartitionError,
  partitionMappings,
  partitionMappingsQuery,
  updatePartitionStatus,
  type MappedTarget,
  type MappingPartition,
  type MappingTargetRow,
} from "./repository.js";
export { customersJobHandlers } from "./auto-match.js";
