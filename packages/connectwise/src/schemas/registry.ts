/** The response schema of every entity the resource facades return, by schema name. */
import type { z } from "zod";
import type { ResourceSchemaName } from "../resources/validation.js";
import { callbackEntrySchema } from "./callbacks.js";
import {
  companySchema,
  companySiteSchema,
  companyStatusSchema,
  companyTypeSchema,
} from "./companies.js";
import {
  configurationSchema,
  configurationStatusSchema,
  configurationTypeSchema,
} from "./configurations.js";
import { contactSchema } from "./contacts.js";
import { additionSchema, agreementSchema } from "./finance.js";
import { catalogItemSchema } from "./procurement.js";
import { reportSchema } from "./reports.js";
import {
  boardItemSchema,
  boardSchema,
  boardStatusSchema,
  boardSubTypeSchema,
  boardTypeSchema,
  impactSchema,
  prioritySchema,
  severitySchema,
} from "./service.js";
import {
  apiMemberSchema,
  memberSchema,
  myMemberSchema,
  mySecurityCustomizeItemSchema,
  mySecuritySchema,
  securityRoleSchema,
  securityRoleSettingSchema,
  systemInfoSchema,
} from "./system.js";
import { configurationReferenceSchema, serviceNoteSchema, ticketSchema } from "./tickets.js";
import { timeEntrySchema } from "./time.js";

/** Response schema per resource schema name (what `createValidator()` checks against). */
export const responseSchemas = {
  Info: systemInfoSchema,
  MyMember: myMemberSchema,
  MySecurity: mySecuritySchema,
  MySecurityCustomizeItem: mySecurityCustomizeItemSchema,
  Member: memberSchema,
  ApiMember: apiMemberSchema,
  SecurityRole: securityRoleSchema,
  SecurityRoleSetting: securityRoleSettingSchema,
  CallbackEntry: callbackEntrySchema,
  Report: reportSchema,
  Company: companySchema,
  CompanyType: companyTypeSchema,
  CompanyStatus: companyStatusSchema,
  CompanySite: companySiteSchema,
  Contact: contactSchema,
  CompanyConfiguration: configurationSchema,
  ConfigurationType: configurationTypeSchema,
  ConfigurationStatus: configurationStatusSchema,
  Board: boardSchema,
  BoardStatus: boardStatusSchema,
  BoardType: boardTypeSchema,
  BoardSubType: boardSubTypeSchema,
  BoardItem: boardItemSchema,
  Priority: prioritySchema,
  Severity: severitySchema,
  Impact: impactSchema,
  Ticket: ticketSchema,
  ServiceNote: serviceNoteSchema,
  ConfigurationReference: configurationReferenceSchema,
  TimeEntry: timeEntrySchema,
  Agreement: agreementSchema,
  Addition: additionSchema,
  CatalogItem: catalogItemSchema,
} as const satisfies Record<ResourceSchemaName, z.ZodType>;
