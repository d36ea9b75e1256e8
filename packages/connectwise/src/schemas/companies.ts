/** Companies and their types, statuses and sites: `/company/companies/...`. */
import { z } from "zod";
import {
  companyReferenceSchema,
  customFieldValueSchema,
  infoMapSchema,
  memberReferenceSchema,
  namedReferenceSchema,
  referenceInputSchema,
} from "./common.js";
import {
  entityObject,
  nullableBoolean,
  nullableInteger,
  nullableNumber,
  nullableString,
  optionalString,
  optionalStringList,
} from "./helpers.js";

const info = infoMapSchema.optional();

/** `Company`. */
export const companySchema = entityObject({
  id: z.int(),
  identifier: optionalString,
  name: optionalString,
  status: namedReferenceSchema.optional(),
  types: z.array(namedReferenceSchema).optional(),
  addressLine1: optionalString,
  addressLine2: optionalString,
  city: optionalString,
  state: optionalString,
  zip: optionalString,
  country: namedReferenceSchema.optional(),
  phoneNumber: optionalString,
  faxNumber: optionalString,
  website: optionalString,
  territory: namedReferenceSchema.optional(),
  market: namedReferenceSchema.optional(),
  accountNumber: optionalString,
  defaultContact: namedReferenceSchema.optional(),
  dateAcquired: optionalString,
  parentCompany: companyReferenceSchema.optional(),
  numberOfEmployees: nullableInteger,
  annualRevenue: nullableNumber,
  timeZoneSetup: namedReferenceSchema.optional(),
  leadFlag: nullableBoolean,
  unsubscribeFlag: nullableBoolean,
  userDefinedField1: optionalString,
  userDefinedField2: optionalString,
  userDefinedField3: optionalString,
  userDefinedField4: optionalString,
  userDefinedField5: optionalString,
  userDefinedField6: optionalString,
  userDefinedField7: optionalString,
  userDefinedField8: optionalString,
  userDefinedField9: optionalString,
  userDefinedField10: optionalString,
  vendorIdentifier: optionalString,
  billToCompany: companyReferenceSchema.optional(),
  billingSite: namedReferenceSchema.optional(),
  billingContact: namedReferenceSchema.optional(),
  deletedFlag: nullableBoolean,
  dateDeleted: optionalString,
  deletedBy: optionalString,
  mobileGuid: nullableString,
  territoryManager: memberReferenceSchema.optional(),
  isVendorFlag: nullableBoolean,
  site: namedReferenceSchema.optional(),
  integratorTags: optionalStringList,
  customFields: z.array(customFieldValueSchema).optional(),
  _info: info,
});
export type Company = z.infer<typeof companySchema>;

/**
 * Body of `POST /company/companies`: `identifier` (≤30) and `name` (≤50) are required, plus
 * at least one address field in practice. `types` is only honoured on create.
 */
export const companyCreateSchema = companySchema
  .omit({ id: true, _info: true })
  .partial()
  .extend({
    identifier: z.string().min(1).max(30),
    name: z.string().min(1).max(50),
    status: referenceInputSchema.optional(),
    types: z.array(referenceInputSchema).optional(),
  });
export type CompanyCreate = z.infer<typeof companyCreateSchema>;

/** `CompanyType`. */
export const companyTypeSchema = entityObject({
  id: z.int(),
  name: optionalString,
  defaultFlag: nullableBoolean,
  vendorFlag: nullableBoolean,
  serviceAlertFlag: nullableBoolean,
  serviceAlertMessage: optionalString,
  _info: info,
});
export type CompanyType = z.infer<typeof companyTypeSchema>;

/** `CompanyStatus`. */
export const companyStatusSchema = entityObject({
  id: z.int(),
  name: optionalString,
  defaultFlag: nullableBoolean,
  inactiveFlag: nullableBoolean,
  notifyFlag: nullableBoolean,
  disallowSavingFlag: nullableBoolean,
  notificationMessage: optionalString,
  customNoteFlag: nullableBoolean,
  cancelOpenTracksFlag: nullableBoolean,
  _info: info,
});
export type CompanyStatus = z.infer<typeof companyStatusSchema>;

/** `CompanySite`: `/company/companies/{companyId}/sites`. */
export const companySiteSchema = entityObject({
  id: z.int(),
  name: optionalString,
  addressLine1: optionalString,
  addressLine2: optionalString,
  city: optionalString,
  stateReference: namedReferenceSchema.optional(),
  zip: optionalString,
  country: namedReferenceSchema.optional(),
  phoneNumber: optionalString,
  phoneNumberExt: optionalString,
  faxNumber: optionalString,
  primaryAddressFlag: nullableBoolean,
  defaultShippingFlag: nullableBoolean,
  defaultBillingFlag: nullableBoolean,
  defaultMailingFlag: nullableBoolean,
  inactiveFlag: nullableBoolean,
  mobileGuid: nullableString,
  timeZone: namedReferenceSchema.optional(),
  company: companyReferenceSchema.optional(),
  customFields: z.array(customFieldValueSchema).optional(),
  _info: info,
});
export type CompanySite = z.infer<typeof companySiteSchema>;

/** Body of `POST /company/companies/{companyId}/sites`: `name` (≤50) is required. */
export const companySiteCreateSchema = companySiteSchema
  .omit({ id: true, _info: true, company: true })
  .partial()
  .extend({ name: z.string().min(1).max(50) });
export type CompanySiteCreate = z.infer<typeof companySiteCreateSchema>;
