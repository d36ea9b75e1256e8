/**
 * Shapes shared by every entity: the `_info` map, reference objects, custom fields, the
 * error body and `/count` results.
 */
import { z } from "zod";
import {
  entityObject,
  nullableBoolean,
  nullableInteger,
  nullableNumber,
  openEnum,
  optionalString,
} from "./helpers.js";

/** `_info`: read-only string map (`lastUpdated`, `updatedBy`, `*_href` links...). */
export const infoMapSchema = z.record(z.string(), z.string().nullable());
export type InfoMap = z.infer<typeof infoMapSchema>;

const info = infoMapSchema.optional();

/** A reference by id and name (`BoardReference`, `SiteReference`, `ContactReference`...). */
export const namedReferenceSchema = entityObject({
  id: nullableInteger,
  name: optionalString,
  _info: info,
});
export type NamedReference = z.infer<typeof namedReferenceSchema>;

/** `CompanyReference` (also `SystemDepartmentReference`): id, identifier and name. */
export const companyReferenceSchema = entityObject({
  id: nullableInteger,
  identifier: optionalString,
  name: optionalString,
  _info: info,
});
export type CompanyReference = z.infer<typeof companyReferenceSchema>;

/** `SystemDepartmentReference`: same shape as a company reference. */
export const departmentReferenceSchema = companyReferenceSchema;
export type DepartmentReference = CompanyReference;

/** `MemberReference`. */
export const memberReferenceSchema = entityObject({
  id: nullableInteger,
  identifier: optionalString,
  name: optionalString,
  dailyCapacity: nullableNumber,
  _info: info,
});
export type MemberReference = z.infer<typeof memberReferenceSchema>;

/** `ServiceStatusReference`. */
export const serviceStatusReferenceSchema = entityObject({
  id: nullableInteger,
  name: optionalString,
  sort: nullableInteger,
  _info: info,
});
export type ServiceStatusReference = z.infer<typeof serviceStatusReferenceSchema>;

/** `PriorityReference`. */
export const priorityReferenceSchema = entityObject({
  id: nullableInteger,
  name: optionalString,
  sort: nullableInteger,
  level: optionalString,
  _info: info,
});
export type PriorityReference = z.infer<typeof priorityReferenceSchema>;

/** `IvItemReference` (a catalog product on an agreement addition). */
export const ivItemReferenceSchema = entityObject({
  id: nullableInteger,
  identifier: optionalString,
  serializedFlag: nullableBoolean,
  _info: info,
});
export type IvItemReference = z.infer<typeof ivItemReferenceSchema>;

/** `AgreementReference`. */
export const agreementReferenceSchema = entityObject({
  id: nullableInteger,
  name: optionalString,
  type: optionalString,
  chargeFirmFlag: nullableBoolean,
  _info: info,
});
export type AgreementReference = z.infer<typeof agreementReferenceSchema>;

/** `TicketReference`. */
export const ticketReferenceSchema = entityObject({
  id: nullableInteger,
  summary: optionalString,
  _info: info,
});
export type TicketReference = z.infer<typeof ticketReferenceSchema>;

/**
 * A reference in a request body: `{id}`, or `{identifier}` / `{name}` where the server
 * resolves those.
 */
export const referenceInputSchema = z.union([
  z.looseObject({ id: z.int() }),
  z.looseObject({ identifier: z.string() }),
  z.looseObject({ name: z.string() }),
]);
export type ReferenceInput = z.infer<typeof referenceInputSchema>;

/** `CustomFieldValue` (replace the whole `customFields` array when patching). */
export const customFieldValueSchema = entityObject({
  id: nullableInteger,
  caption: optionalString,
  type: openEnum([
    "TextArea",
    "Button",
    "Currency",
    "Date",
    "Hyperlink",
    "IPAddress",
    "Checkbox",
    "Number",
    "Percent",
    "Text",
    "Password",
  ]).nullish(),
  entryMethod: openEnum(["Date", "EntryField", "List", "Option"]).nullish(),
  numberOfDecimals: nullableInteger,
  value: z.unknown(),
  connectWiseId: optionalString,
});
export type CustomFieldValue = z.infer<typeof customFieldValueSchema>;

/** `ValidationError`: one field-level entry of an error body. */
export const validationErrorSchema = entityObject({
  code: optionalString,
  message: optionalString,
  resource: optionalString,
  field: optionalString,
  details: optionalString,
});
export type ValidationError = z.infer<typeof validationErrorSchema>;

/** `ErrorResponseMessage`: ConnectWise's error body. */
export const errorResponseMessageSchema = entityObject({
  code: optionalString,
  message: optionalString,
  errors: z.array(validationErrorSchema).nullish(),
});
export type ErrorResponseMessage = z.infer<typeof errorResponseMessageSchema>;

/** `Count`: the body of every `…/count` endpoint. */
export const countSchema = entityObject({ count: z.int() });
export type Count = z.infer<typeof countSchema>;
