/** Time entries: `/time/entries`. */
import { z } from "zod";
import {
  agreementReferenceSchema,
  companyReferenceSchema,
  customFieldValueSchema,
  infoMapSchema,
  memberReferenceSchema,
  namedReferenceSchema,
  referenceInputSchema,
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
} from "./helpers.js";
import { billableOptionSchema } from "./service.js";

/** What a time entry is charged to. */
export const chargeToTypeSchema = openEnum([
  "ServiceTicket",
  "ProjectTicket",
  "ChargeCode",
  "Activity",
]);

/** `TimeEntry`. */
export const timeEntrySchema = entityObject({
  id: z.int(),
  company: companyReferenceSchema.optional(),
  chargeToId: nullableInteger,
  chargeToType: chargeToTypeSchema.nullish(),
  member: memberReferenceSchema.optional(),
  workType: namedReferenceSchema.optional(),
  workRole: namedReferenceSchema.optional(),
  agreement: agreementReferenceSchema.optional(),
  timeStart: optionalString,
  timeEnd: optionalString,
  hoursDeduct: nullableNumber,
  actualHours: nullableNumber,
  billableOption: billableOptionSchema.nullish(),
  notes: optionalString,
  internalNotes: optionalString,
  addToDetailDescriptionFlag: nullableBoolean,
  addToInternalAnalysisFlag: nullableBoolean,
  addToResolutionFlag: nullableBoolean,
  hoursBilled: nullableNumber,
  enteredBy: optionalString,
  dateEntered: optionalString,
  mobileGuid: nullableString,
  status: openEnum([
    "Open",
    "Rejected",
    "PendingApproval",
    "ErrorsCorrected",
    "PendingProjectApproval",
    "ApprovedByTierOne",
    "RejectBySecondTier",
    "ApprovedByTierTwo",
    "ReadyToBill",
    "Billed",
    "WrittenOff",
    "BilledAgreement",
  ]).nullish(),
  ticket: ticketReferenceSchema.optional(),
  customFields: z.array(customFieldValueSchema).optional(),
  _info: infoMapSchema.optional(),
});
export type TimeEntry = z.infer<typeof timeEntrySchema>;

/** Body of `POST /time/entries`: `timeStart` is required. */
export const timeEntryCreateSchema = timeEntrySchema
  .omit({ id: true, _info: true, enteredBy: true, dateEntered: true })
  .partial()
  .extend({
    timeStart: z.string().min(1),
    member: referenceInputSchema.optional(),
    company: referenceInputSchema.optional(),
    workType: referenceInputSchema.optional(),
    workRole: referenceInputSchema.optional(),
  });
export type TimeEntryCreate = z.infer<typeof timeEntryCreateSchema>;
