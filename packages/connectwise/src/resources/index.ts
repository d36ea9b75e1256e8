export {
  type CallOptions,
  type Collection,
  type GetOptions,
  type ListOptions,
  type ReadOperations,
  type WriteOperations,
} from "./collection.js";
export type { CompaniesResource, CompanySitesResource } from "./companies.js";
export type { ConfigurationsResource } from "./configurations.js";
export type { ContactsResource } from "./contacts.js";
export { createResources, type ConnectWiseResources } from "./create-resources.js";
export { ConnectWiseArgumentError } from "./errors.js";
export type { AgreementAdditionsResource, AgreementsResource, FinanceResource } from "./finance.js";
export type { ProcurementResource } from "./procurement.js";
export type { BoardsResource, ServiceResource, SetupTable } from "./service.js";
export type {
  ReportColumn,
  ReportPage,
  ReportPageOptions,
  ReportQuery,
  ReportsResource,
} from "./reports.js";
export type { SecurityRolesResource, SystemResource } from "./system.js";
export {
  searchBody,
  type TicketConfigurationsResource,
  type TicketNotesResource,
  type TicketSearchQuery,
  type TicketsResource,
} from "./tickets.js";
export type { TimeEntriesResource, TimeResource } from "./time.js";
export type { ResourceOptions, ResourceSchemaName, ResponseValidator } from "./validation.js";
export type * from "./entity-types.js";
