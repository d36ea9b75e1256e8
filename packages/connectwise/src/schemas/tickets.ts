/** Service tickets, their notes and linked configurations: `/service/tickets/...`. */
import { z } from "zod";
import {
  agreementReferenceSchema,
  companyReferenceSchema,
  customFieldValueSchema,
  departmentReferenceSchema,
  infoMapSchema,
  memberReferenceSchema,
  namedReferenceSchema,
  priorityReferenceSchema,
  referenceInputSchema,
  serviceStatusReferenceSchema,
  ticketReferenceSchema,
} from "./common.js";
import {
  entityObject,
  nullableBoolean,
  nullableInteger,
  nullableNumber,
  nullableString,
  openEnum,
  optionalString,
  optionalStringList,
} from "./helpers.js";
import { billableOptionSchema } from "./service.js";

const info = infoMapSchema.optional();

/** Ticket severity and impact: `Low`, `Medium`, `High` ("Required On Updates"). */
export const ticketLevelSchema = openEnum(["Low", "Medium", "High"]);

/** `Ticket`: a service ticket. */
export const ticketSchema = entityObject({
  id: z.int(),
  summary: optionalString,
  recordType: openEnum(["ServiceTicket", "ProjectTicket", "ProjectIssue"]).nullish(),
  board: namedReferenceSchema.optional(),
  status: serviceStatusReferenceSchema.optional(),
  company: companyReferenceSchema.optional(),
  site: namedReferenceSchema.optional(),
  siteName: optionalString,
  contact: namedReferenceSchema.optional(),
  contactName: optionalString,
  contactPhoneNumber: optionalString,
  contactEmailAddress: optionalString,
  type: namedReferenceSchema.optional(),
  subType: namedReferenceSchema.optional(),
  item: namedReferenceSchema.optional(),
  team: namedReferenceSchema.optional(),
  owner: memberReferenceSchema.optional(),
  priority: priorityReferenceSchema.optional(),
  serviceLocation: namedReferenceSchema.optional(),
  source: namedReferenceSchema.optional(),
  requiredDate: optionalString,
  budgetHours: nullableNumber,
  agreement: agreementReferenceSchema.optional(),
  severity: ticketLevelSchema.nullish(),
  impact: ticketLevelSchema.nullish(),
  externalXRef: optionalString,
  poNumber: optionalString,
  customerUpdatedFlag: nullableBoolean,
  automaticEmailContactFlag: nullableBoolean,
  automaticEmailResourceFlag: nullableBoolean,
  automaticEmailCcFlag: nullableBoolean,
  automaticEmailCc: optionalString,
  initialDescription: optionalString,
  initialInternalAnalysis: optionalString,
  initialResolution: optionalString,
  processNotifications: nullableBoolean,
  skipCallback: nullableBoolean,
  closedDate: optionalString,
  closedBy: optionalString,
  closedFlag: nullableBoolean,
  actualHours: nullableNumber,
  approved: nullableBoolean,
  dateResolved: optionalString,
  dateResponded: optionalString,
  isInSla: nullableBoolean,
  resources: optionalString,
  parentTicketId: nullableInteger,
  hasChildTicket: nullableBoolean,
  billTime: billableOptionSchema.nullish(),
  billExpenses: billableOptionSchema.nullish(),
  billProducts: billableOptionSchema.nullish(),
  location: namedReferenceSchema.optional(),
  department: departmentReferenceSchema.optional(),
  mobileGuid: nullableString,
  sla: namedReferenceSchema.optional(),
  slaStatus: optionalString,
  mergedParentTicket: ticketReferenceSchema.optional(),
  integratorTags: optionalStringList,
  customFields: z.array(customFieldValueSchema).optional(),
  _info: info,
});
export type Ticket = z.infer<typeof ticketSchema>;

/**
 * Body of `POST /service/tickets`: `summary` (≤100) and `company` are required; references
 * may be `{id}` or `{identifier}`/`{name}`. `initial*` texts are POST-only.
 */
export const ticketCreateSchema = ticketSchema
  .omit({ id: true, _info: true, closedFlag: true, closedDate: true, closedBy: true })
  .partial()
  .extend({
    summary: z.string().min(1).max(100),
    company: referenceInputSchema,
    board: referenceInputSchema.optional(),
    status: referenceInputSchema.optional(),
    type: referenceInputSchema.optional(),
    subType: referenceInputSchema.optional(),
    item: referenceInputSchema.optional(),
    priority: referenceInputSchema.optional(),
    contact: referenceInputSchema.optional(),
    site: referenceInputSchema.optional(),
    owner: referenceInputSchema.optional(),
    externalXRef: z.string().max(100).optional(),
  });
export type TicketCreate = z.infer<typeof ticketCreateSchema>;

/** `ServiceNote`: a ticket note; the three flags decide where it shows. */
export const serviceNoteSchema = entityObject({
  id: z.int(),
  ticketId: nullableInteger,
  text: optionalString,
  detailDescriptionFlag: nullableBoolean,
  internalAnalysisFlag: nullableBoolean,
  resolutionFlag: nullableBoolean,
  issueFlag: nullableBoolean,
  member: memberReferenceSchema.optional(),
  contact: namedReferenceSchema.optional(),
  customerUpdatedFlag: nullableBoolean,
  processNotifications: nullableBoolean,
  dateCreated: optionalString,
  createdBy: optionalString,
  internalFlag: nullableBoolean,
  externalFlag: nullableBoolean,
  _info: info,
});
export type ServiceNote = z.infer<typeof serviceNoteSchema>;

/** Body of `POST /service/tickets/{ticketId}/notes`: `text` plus where it shows. */
export const serviceNoteCreateSchema = serviceNoteSchema
  .omit({ id: true, _info: true, ticketId: true, dateCreated: true, createdBy: true })
  .partial()
  .extend({ text: z.string().min(1) });
export type ServiceNoteCreate = z.infer<typeof serviceNoteCreateSchema>;

/** `ConfigurationReference`: a configuration linked to a ticket. */
export const configurationReferenceSchema = entityObject({
  id: z.int(),
  deviceIdentifier: optionalString,
  _info: info,
});
export type ConfigurationReference = z.infer<typeof configurationReferenceSchema>;

/** `FilterValues`: body of `POST /service/tickets/search` (note the lower-case names). */
export const ticketSearchBodySchema = entityObject({
  conditions: optionalString,
  orderBy: optionalString,
  childconditions: optionalString,
  customfieldconditions: optionalString,
});
export type TicketSearchBody = z.infer<typeof ticketSearchBodySchema>;
