/**
 * System / identity schemas: `/system/info`, `companyinfo`, the authenticated member and its
 * rights, members, API members and security roles.
 */
import { z } from "zod";
import {
  departmentReferenceSchema,
  infoMapSchema,
  memberReferenceSchema,
  namedReferenceSchema,
} from "./common.js";
import {
  entityObject,
  nullableBoolean,
  nullableNumber,
  nullableInteger,
  openEnum,
  optionalBoolean,
  optionalInteger,
  optionalIntegerList,
  optionalString,
} from "./helpers.js";

const info = infoMapSchema.optional();

/** Member license class: `F` full, `A` API, `C` StreamlineIT, `X` other. */
export const licenseClassSchema = openEnum(["A", "C", "F", "X"]);
/** A security level of one right: `None`, `My` (own records) or `All`. */
export const securityLevelSchema = openEnum(["None", "My", "All"]);
/** Which address a member's default e-mail / phone is. */
export const contactChannelSchema = openEnum(["Office", "Mobile", "Home"]);

/** `LicenseBit` of `/system/info`. */
export const licenseBitSchema = entityObject({
  name: optionalString,
  activeFlag: optionalBoolean,
});
export type LicenseBit = z.infer<typeof licenseBitSchema>;

/** `Info`: `GET /system/info` (version, cloud flag, licence bits). */
export const systemInfoSchema = entityObject({
  version: optionalString,
  isCloud: optionalBoolean,
  serverTimeZone: optionalString,
  licenseBits: z.array(licenseBitSchema).optional(),
  cloudRegion: optionalString,
  maxWorkFlowRecordsAllowed: optionalInteger,
});
export type SystemInfo = z.infer<typeof systemInfoSchema>;

/** The pre-auth `GET /login/companyinfo/{companyId}` body (`null` for unknown companies). */
export const companyInfoSchema = entityObject({
  CompanyName: optionalString,
  Codebase: z.string(),
  VersionCode: optionalString,
  VersionNumber: optionalString,
  CompanyID: optionalString,
  IsCloud: optionalBoolean,
});
export type CompanyInfo = z.infer<typeof companyInfoSchema>;

/** `MyMember`: `GET /system/myMembers`, the authenticated member ("who am I"). */
export const myMemberSchema = entityObject({
  id: z.int(),
  identifier: optionalString,
  firstName: optionalString,
  middleInitial: optionalString,
  lastName: optionalString,
  title: optionalString,
  licenseClass: licenseClassSchema.nullish(),
  type: namedReferenceSchema.optional(),
  timeZone: namedReferenceSchema.optional(),
  inactiveFlag: nullableBoolean,
  officeEmail: optionalString,
  officePhone: optionalString,
  defaultEmail: contactChannelSchema.nullish(),
  defaultPhone: contactChannelSchema.nullish(),
  securityRole: namedReferenceSchema.optional(),
  adminFlag: nullableBoolean,
  defaultLocation: namedReferenceSchema.optional(),
  defaultDepartment: departmentReferenceSchema.optional(),
  serviceDefaultBoard: namedReferenceSchema.optional(),
  excludedServiceBoardIds: optionalIntegerList,
  _info: info,
});
export type MyMember = z.infer<typeof myMemberSchema>;

const securityRightFields = {
  id: z.int(),
  addLevel: securityLevelSchema.nullish(),
  editLevel: securityLevelSchema.nullish(),
  deleteLevel: securityLevelSchema.nullish(),
  inquireLevel: securityLevelSchema.nullish(),
  moduleFunctionName: optionalString,
  moduleFunctionDescription: optionalString,
  myAllFlag: nullableBoolean,
  moduleFunctionIdentifier: optionalString,
  reportFlag: nullableBoolean,
  restrictFlag: nullableBoolean,
  customFlag: nullableBoolean,
  moduleDescription: optionalString,
  moduleIdentifier: optionalString,
  moduleName: optionalString,
  sortOrder: nullableInteger,
  _info: info,
};

/** `SecurityRoleSetting`: one module function row of a role (read-only). */
export const securityRoleSettingSchema = entityObject(securityRightFields);
export type SecurityRoleSetting = z.infer<typeof securityRoleSettingSchema>;

/** `MySecurity`: the authenticated member's effective right for one module function. */
export const mySecuritySchema = entityObject({
  ...securityRightFields,
  member: memberReferenceSchema.optional(),
});
export type MySecurity = z.infer<typeof mySecuritySchema>;

/** `MySecurityCustomizeItem`: what a "Customize"d right allows (boards, table setups...). */
export const mySecurityCustomizeItemSchema = entityObject({
  id: z.int(),
  customizeIdentifier: openEnum([
    "CompanyReports",
    "FinanceReports",
    "MarketingReports",
    "ProcurementReports",
    "ProjectReports",
    "SalesReports",
    "ServiceReports",
    "SystemReports",
    "TimeAndExpenseReports",
    "CompanyConfigurations",
    "FinanceAgreements",
    "ProjectScheduling",
    "ServiceResourceScheduling",
    "SystemManageHostedApi",
    "SystemMyAccount",
    "SystemCustomMenuEntry",
    "SystemMassMaintenance",
    "SystemTableSetup",
  ]).nullish(),
  itemIdentifier: optionalString,
});
export type MySecurityCustomizeItem = z.infer<typeof mySecurityCustomizeItemSchema>;

/** `Member`: a PSA user (technician inventory). */
export const memberSchema = entityObject({
  id: z.int(),
  identifier: optionalString,
  firstName: optionalString,
  middleInitial: optionalString,
  lastName: optionalString,
  title: optionalString,
  licenseClass: licenseClassSchema.nullish(),
  disableOnlineFlag: nullableBoolean,
  inactiveFlag: nullableBoolean,
  inactiveDate: optionalString,
  lastLogin: optionalString,
  hireDate: optionalString,
  officeEmail: optionalString,
  mobileEmail: optionalString,
  primaryEmail: optionalString,
  defaultEmail: contactChannelSchema.nullish(),
  officePhone: optionalString,
  mobilePhone: optionalString,
  defaultPhone: contactChannelSchema.nullish(),
  securityRole: namedReferenceSchema.optional(),
  adminFlag: nullableBoolean,
  type: namedReferenceSchema.optional(),
  timeZone: namedReferenceSchema.optional(),
  defaultLocation: namedReferenceSchema.optional(),
  defaultDepartment: departmentReferenceSchema.optional(),
  reportsTo: memberReferenceSchema.optional(),
  workRole: namedReferenceSchema.optional(),
  workType: namedReferenceSchema.optional(),
  dailyCapacity: nullableNumber,
  serviceDefaultBoard: namedReferenceSchema.optional(),
  excludedServiceBoardIds: optionalIntegerList,
  teams: optionalIntegerList,
  _info: info,
});
export type Member = z.infer<typeof memberSchema>;

/** `ApiMember`: an API-only member (integration identity). */
export const apiMemberSchema = entityObject({
  id: z.int(),
  identifier: optionalString,
  name: optionalString,
  emailAddress: optionalString,
  inactiveFlag: nullableBoolean,
  inactiveDate: optionalString,
  timeZone: namedReferenceSchema.optional(),
  securityRole: namedReferenceSchema.optional(),
  defaultLocation: namedReferenceSchema.optional(),
  defaultDepartment: departmentReferenceSchema.optional(),
  serviceDefaultBoard: namedReferenceSchema.optional(),
  notes: optionalString,
  excludedServiceBoardIds: optionalIntegerList,
  blockPriceFlag: nullableBoolean,
  blockCostFlag: nullableBoolean,
  _info: info,
});
export type ApiMember = z.infer<typeof apiMemberSchema>;

/** `SecurityRole`. */
export const securityRoleSchema = entityObject({
  id: z.int(),
  name: optionalString,
  roleType: optionalString,
  adminFlag: nullableBoolean,
  inactiveFlag: nullableBoolean,
  _info: info,
});
export type SecurityRole = z.infer<typeof securityRoleSchema>;
