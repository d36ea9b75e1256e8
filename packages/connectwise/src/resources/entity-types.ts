/**
 * The entity types the facades return and accept, re-exported type-only (inferred from the
 * zod schemas in `src/schemas`; no runtime import of zod).
 */
export type { CallbackEntry, CallbackEntryCreate } from "../schemas/callbacks.js";
export type { Report, ReportColumnDefinition, ReportDataResponse } from "../schemas/reports.js";
export type {
  AgreementReference,
  CompanyReference,
  CustomFieldValue,
  DepartmentReference,
  ErrorResponseMessage,
  InfoMap,
  IvItemReference,
  MemberReference,
  NamedReference,
  PriorityReference,
  ReferenceInput,
  ServiceStatusReference,
  TicketReference,
} from "../schemas/common.js";
export type {
  Company,
  CompanyCreate,
  CompanySite,
  CompanySiteCreate,
  CompanyStatus,
  CompanyType,
} from "../schemas/companies.js";
export type {
  Configuration,
  ConfigurationCreate,
  ConfigurationQuestion,
  ConfigurationStatus,
  ConfigurationStatusCreate,
  ConfigurationType,
  ConfigurationTypeCreate,
} from "../schemas/configurations.js";
export type { Contact, ContactCommunicationItem, ContactCreate } from "../schemas/contacts.js";
export type { Addition, AdditionCreate, Agreement } from "../schemas/finance.js";
export type { OpenEnum } from "../schemas/helpers.js";
export type { CatalogItem } from "../schemas/procurement.js";
export type {
  Board,
  BoardItem,
  BoardStatus,
  BoardSubType,
  BoardType,
  Impact,
  Priority,
  Severity,
} from "../schemas/service.js";
export type {
  ApiMember,
  CompanyInfo,
  LicenseBit,
  Member,
  MyMember,
  MySecurity,
  MySecurityCustomizeItem,
  SecurityRole,
  SecurityRoleSetting,
  SystemInfo,
} from "../schemas/system.js";
export type {
  ConfigurationReference,
  ServiceNote,
  ServiceNoteCreate,
  Ticket,
  TicketCreate,
} from "../schemas/tickets.js";
export type { TimeEntry, TimeEntryCreate } from "../schemas/time.js";
