/** Configurations (devices) and their types and statuses: `/company/configurations/...`. */
import { z } from "zod";
import {
  companyReferenceSchema,
  customFieldValueSchema,
  departmentReferenceSchema,
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
  openEnum,
  optionalString,
} from "./helpers.js";

const info = infoMapSchema.optional();

/** Field types of configuration questions. */
export const questionFieldTypeSchema = openEnum([
  "TextArea",
  "Currency",
  "Date",
  "Hyperlink",
  "IPAddress",
  "Checkbox",
  "Number",
  "Percent",
  "Text",
  "Password",
]);

/** `ConfigurationQuestion`: one answered question of a configuration's type. */
export const configurationQuestionSchema = entityObject({
  answerId: nullableInteger,
  questionId: nullableInteger,
  question: optionalString,
  answer: z.unknown(),
  sequenceNumber: nullableNumber,
  numberOfDecimals: nullableInteger,
  fieldType: questionFieldTypeSchema.nullish(),
  requiredFlag: nullableBoolean,
});
export type ConfigurationQuestion = z.infer<typeof configurationQuestionSchema>;

/** `CompanyConfiguration`: a device or other configuration item. */
export const configurationSchema = entityObject({
  id: z.int(),
  name: optionalString,
  type: namedReferenceSchema.optional(),
  status: namedReferenceSchema.optional(),
  company: companyReferenceSchema.optional(),
  contact: namedReferenceSchema.optional(),
  site: namedReferenceSchema.optional(),
  location: namedReferenceSchema.optional(),
  department: departmentReferenceSchema.optional(),
  deviceIdentifier: optionalString,
  serialNumber: optionalString,
  modelNumber: optionalString,
  tagNumber: optionalString,
  purchaseDate: optionalString,
  installationDate: optionalString,
  installedBy: memberReferenceSchema.optional(),
  warrantyExpirationDate: optionalString,
  vendorNotes: optionalString,
  notes: optionalString,
  macAddress: optionalString,
  lastLoginName: optionalString,
  billFlag: nullableBoolean,
  ipAddress: optionalString,
  defaultGateway: optionalString,
  osType: optionalString,
  osInfo: optionalString,
  cpuSpeed: optionalString,
  ram: optionalString,
  localHardDrives: optionalString,
  parentConfigurationId: nullableInteger,
  vendor: companyReferenceSchema.optional(),
  manufacturer: namedReferenceSchema.optional(),
  questions: z.array(configurationQuestionSchema).optional(),
  activeFlag: nullableBoolean,
  managementLink: optionalString,
  remoteLink: optionalString,
  mobileGuid: nullableString,
  needsRenewalFlag: nullableBoolean,
  manufacturerPartNumber: optionalString,
  customFields: z.array(customFieldValueSchema).optional(),
  _info: info,
});
export type Configuration = z.infer<typeof configurationSchema>;

/** Body of `POST /company/configurations`: `name` (≤100), `type` and `company` required. */
export const configurationCreateSchema = configurationSchema
  .omit({ id: true, _info: true })
  .partial()
  .extend({
    name: z.string().min(1).max(100),
    type: referenceInputSchema,
    company: referenceInputSchema,
    status: referenceInputSchema.optional(),
    deviceIdentifier: z.string().max(100).optional(),
    serialNumber: z.string().max(250).optional(),
    macAddress: z.string().max(25).optional(),
    ipAddress: z.string().max(50).optional(),
    osType: z.string().max(250).optional(),
    osInfo: z.string().max(250).optional(),
  });
export type ConfigurationCreate = z.infer<typeof configurationCreateSchema>;

/** `ConfigurationType`. */
export const configurationTypeSchema = entityObject({
  id: z.int(),
  name: optionalString,
  inactiveFlag: nullableBoolean,
  systemFlag: nullableBoolean,
  _info: info,
});
export type ConfigurationType = z.infer<typeof configurationTypeSchema>;

/** Body of `POST /company/configurations/types`: `name` (≤50) is required. */
export const configurationTypeCreateSchema = configurationTypeSchema
  .omit({ id: true, _info: true, systemFlag: true })
  .partial()
  .extend({ name: z.string().min(1).max(50) });
export type ConfigurationTypeCreate = z.infer<typeof configurationTypeCreateSchema>;

/** `ConfigurationStatus` (its label is `description`, not `name`). */
export const configurationStatusSchema = entityObject({
  id: z.int(),
  description: optionalString,
  closedFlag: nullableBoolean,
  defaultFlag: nullableBoolean,
  _info: info,
});
export type ConfigurationStatus = z.infer<typeof configurationStatusSchema>;

/** Body of `POST /company/configurations/statuses`: `description` (≤50) is required. */
export const configurationStatusCreateSchema = configurationStatusSchema
  .omit({ id: true, _info: true })
  .partial()
  .extend({ description: z.string().min(1).max(50) });
export type ConfigurationStatusCreate = z.infer<typeof configurationStatusCreateSchema>;
