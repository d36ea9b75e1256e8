/** Contacts: `/company/contacts`. E-mail addresses live in `communicationItems`. */
import { z } from "zod";
import {
  companyReferenceSchema,
  customFieldValueSchema,
  infoMapSchema,
  namedReferenceSchema,
  referenceInputSchema,
} from "./common.js";
import {
  entityObject,
  nullableBoolean,
  nullableInteger,
  nullableString,
  openEnum,
  optionalIntegerList,
  optionalString,
  optionalStringList,
} from "./helpers.js";

/** `ContactCommunicationItem`: one e-mail address, phone or fax number of a contact. */
export const contactCommunicationItemSchema = entityObject({
  id: z.int().optional(),
  type: namedReferenceSchema.optional(),
  value: optionalString,
  extension: optionalString,
  defaultFlag: nullableBoolean,
  domain: optionalString,
  communicationType: openEnum(["Email", "Fax", "Phone"]).nullish(),
});
export type ContactCommunicationItem = z.infer<typeof contactCommunicationItemSchema>;

/** `Contact`. */
export const contactSchema = entityObject({
  id: z.int(),
  firstName: optionalString,
  lastName: optionalString,
  company: companyReferenceSchema.optional(),
  site: namedReferenceSchema.optional(),
  addressLine1: optionalString,
  addressLine2: optionalString,
  city: optionalString,
  state: optionalString,
  zip: optionalString,
  country: namedReferenceSchema.optional(),
  relationship: namedReferenceSchema.optional(),
  department: namedReferenceSchema.optional(),
  inactiveFlag: nullableBoolean,
  defaultMergeContactId: nullableInteger,
  securityIdentifier: optionalString,
  managerContact: namedReferenceSchema.optional(),
  title: optionalString,
  nickName: optionalString,
  gender: openEnum(["Female", "Male"]).nullish(),
  presence: openEnum(["NoAgent", "Online", "DoNotDisturb", "Away", "Offline"]).nullish(),
  mobileGuid: nullableString,
  defaultPhoneType: optionalString,
  defaultPhoneNbr: optionalString,
  defaultPhoneExtension: optionalString,
  defaultBillingFlag: nullableBoolean,
  defaultFlag: nullableBoolean,
  companyLocation: namedReferenceSchema.optional(),
  communicationItems: z.array(contactCommunicationItemSchema).optional(),
  types: z.array(namedReferenceSchema).optional(),
  typeIds: optionalIntegerList,
  integratorTags: optionalStringList,
  ignoreDuplicates: z.boolean().optional(),
  customFields: z.array(customFieldValueSchema).optional(),
  _info: infoMapSchema.optional(),
});
export type Contact = z.infer<typeof contactSchema>;

/** Body of `POST /company/contacts` (no schema-required field; `firstName` in practice). */
export const contactCreateSchema = contactSchema
  .omit({ id: true, _info: true })
  .partial()
  .extend({
    firstName: z.string().min(1),
    company: referenceInputSchema.optional(),
    site: referenceInputSchema.optional(),
  });
export type ContactCreate = z.infer<typeof contactCreateSchema>;
