/**
 * Service desk setup: boards and their statuses / types / subtypes / items, priorities,
 * severities and impacts.
 */
import { z } from "zod";
import {
  departmentReferenceSchema,
  infoMapSchema,
  memberReferenceSchema,
  namedReferenceSchema,
  serviceStatusReferenceSchema,
} from "./common.js";
import {
  entityObject,
  nullableBoolean,
  nullableInteger,
  nullableString,
  openEnum,
  optionalString,
} from "./helpers.js";

const info = infoMapSchema.optional();

/** Billing choice used by boards, tickets, agreements and time entries. */
export const billableOptionSchema = openEnum(["Billable", "DoNotBill", "NoCharge", "NoDefault"]);

/** `Board`: a service board. */
export const boardSchema = entityObject({
  id: z.int(),
  name: optionalString,
  location: namedReferenceSchema.optional(),
  department: departmentReferenceSchema.optional(),
  inactiveFlag: nullableBoolean,
  projectFlag: nullableBoolean,
  dispatchMember: memberReferenceSchema.optional(),
  serviceManagerMember: memberReferenceSchema.optional(),
  dutyManagerMember: memberReferenceSchema.optional(),
  oncallMember: memberReferenceSchema.optional(),
  workRole: namedReferenceSchema.optional(),
  workType: namedReferenceSchema.optional(),
  billTime: billableOptionSchema.nullish(),
  billExpense: billableOptionSchema.nullish(),
  billProduct: billableOptionSchema.nullish(),
  autoCloseStatus: serviceStatusReferenceSchema.optional(),
  autoAssignNewTicketsFlag: nullableBoolean,
  timeEntryLockedFlag: nullableBoolean,
  restrictBoardByDefaultFlag: nullableBoolean,
  _info: info,
});
export type Board = z.infer<typeof boardSchema>;

/** `BoardStatus`; `closedStatus: true` is what makes a ticket closed. */
export const boardStatusSchema = entityObject({
  id: z.int(),
  name: optionalString,
  board: namedReferenceSchema.optional(),
  sortOrder: nullableInteger,
  displayOnBoard: nullableBoolean,
  inactive: nullableBoolean,
  closedStatus: nullableBoolean,
  timeEntryNotAllowed: nullableBoolean,
  defaultFlag: nullableBoolean,
  escalationStatus: openEnum([
    "NotResponded",
    "Responded",
    "ResolutionPlan",
    "Resolved",
    "NoEscalation",
  ]).nullish(),
  customerPortalDescription: optionalString,
  customerPortalFlag: nullableBoolean,
  _info: info,
});
export type BoardStatus = z.infer<typeof boardStatusSchema>;

/** `BoardType`. */
export const boardTypeSchema = entityObject({
  id: z.int(),
  name: optionalString,
  category: openEnum(["Reactive", "Proactive"]).nullish(),
  defaultFlag: nullableBoolean,
  inactiveFlag: nullableBoolean,
  requestForChangeFlag: nullableBoolean,
  integrationXref: optionalString,
  board: namedReferenceSchema.optional(),
  location: namedReferenceSchema.optional(),
  department: departmentReferenceSchema.optional(),
  _info: info,
});
export type BoardType = z.infer<typeof boardTypeSchema>;

/** `BoardSubType` (no key schema: the fields the integration reads). */
export const boardSubTypeSchema = entityObject({
  id: z.int(),
  name: optionalString,
  inactiveFlag: nullableBoolean,
  board: namedReferenceSchema.optional(),
  _info: info,
});
export type BoardSubType = z.infer<typeof boardSubTypeSchema>;

/** `BoardItem` (no key schema: the fields the integration reads). */
export const boardItemSchema = entityObject({
  id: z.int(),
  name: optionalString,
  inactiveFlag: nullableBoolean,
  board: namedReferenceSchema.optional(),
  _info: info,
});
export type BoardItem = z.infer<typeof boardItemSchema>;

/** `Priority`. */
export const prioritySchema = entityObject({
  id: z.int(),
  name: optionalString,
  color: openEnum([
    "Black",
    "Blue",
    "Cyan",
    "Gray",
    "Green",
    "Lime",
    "Orange",
    "Pink",
    "Purple",
    "Red",
    "White",
    "Yellow",
    "Custom",
  ]).nullish(),
  sortOrder: nullableInteger,
  defaultFlag: nullableBoolean,
  imageLink: optionalString,
  urgencySortOrder: optionalString,
  level: nullableString,
  _info: info,
});
export type Priority = z.infer<typeof prioritySchema>;

const setupLevelFields = {
  id: z.int(),
  name: optionalString,
  description: optionalString,
  defaultFlag: nullableBoolean,
  _info: info,
};

/** `Severity`: a fixed setup row (`Low`/`Medium`/`High` on tickets). */
export const severitySchema = entityObject(setupLevelFields);
export type Severity = z.infer<typeof severitySchema>;

/** `Impact`: a fixed setup row (`Low`/`Medium`/`High` on tickets). */
export const impactSchema = entityObject(setupLevelFields);
export type Impact = z.infer<typeof impactSchema>;
