/**
 * The resource table: every ConnectWise resource the emulator serves, one entry each.
 * Adding a resource = adding an entry (path, table, parent link, operations, permission,
 * field rules, optional hooks). Operations follow the 2025.16 operation list exactly.
 */
import { additionHooks } from "./hooks/addition-hooks.js";
import { callbackHooks } from "./hooks/callback-hooks.js";
import { companyHooks } from "./hooks/company-hooks.js";
import { configurationHooks } from "./hooks/configuration-hooks.js";
import { noteHooks } from "./hooks/note-hooks.js";
import { ticketHooks, ticketReferenceScope } from "./hooks/ticket-hooks.js";
import { companySiteScope, siteScopeByBodyCompany } from "./hooks/site-scope.js";
import { timeEntryHooks } from "./hooks/time-entry-hooks.js";
import { fields } from "./field-rules.js";
import { entityOf } from "./table-entities.js";
import type { Operation, Permission, ResourceDef } from "./resource-def.js";

const ALL: readonly Operation[] = ["list", "count", "get", "post", "put", "patch", "delete"];

/** The security role rows (module → function) each area needs. */
export const PERMISSIONS = {
  myCompany: ["System", "My Company"],
  memberMaintenance: ["System", "Member Maintenance"],
  securityRoles: ["System", "Security Roles"],
  tableSetup: ["System", "Table Setup"],
  callbacks: ["System", "Manage Callbacks"],
  companyMaintenance: ["Companies", "Company Maintenance"],
  contacts: ["Companies", "Contacts"],
  configurations: ["Companies", "Configurations"],
  serviceTickets: ["Service Desk", "Service Tickets"],
  closeServiceTickets: ["Service Desk", "Close Service Tickets"],
  timeEntry: ["Time & Expense", "Time Entry"],
  agreements: ["Finance", "Agreements"],
  productCatalog: ["Procurement", "Product Catalog"],
} as const satisfies Record<string, Permission>;

const P = PERMISSIONS;
const CUSTOM = "customFields:a integratorTags:a";
const UDF = Array.from({ length: 10 }, (_, i) => `userDefinedField${i + 1}:s50`).join(" ");

/** All resources, matched in order (fixed segments like `/types` come before `/{id}`). */
export const RESOURCES: readonly ResourceDef[] = [
  {
    path: entityOf("companyTypes").path,
    table: "companyTypes",
    resource: "companyType",
    ops: entityOf("companyTypes").operations,
    permission: P.tableSetup,
    fields: fields(
      "name:s50! defaultFlag:b vendorFlag:b serviceAlertFlag:b serviceAlertMessage:s150",
    ),
  },
  {
    path: entityOf("companyStatuses").path,
    table: "companyStatuses",
    resource: "companyStatus",
    ops: entityOf("companyStatuses").operations,
    permission: P.tableSetup,
    fields: fields(
      "name:s50! defaultFlag:b inactiveFlag:b notifyFlag:b disallowSavingFlag:b notificationMessage:s500 customNoteFlag:b cancelOpenTracksFlag:b",
    ),
  },
  {
    path: entityOf("sites").path,
    table: "sites",
    resource: "companySite",
    parent: { table: "companies", field: "company", style: "ref" },
    ops: entityOf("sites").operations,
    permission: P.companyMaintenance,
    fields: fields(
      `name:s50! addressLine1:s50 addressLine2:s50 city:s50 stateReference:@ zip:s12 country:@ phoneNumber:s30 phoneNumberExt:s30 faxNumber:s30 primaryAddressFlag:b defaultShippingFlag:b defaultBillingFlag:b defaultMailingFlag:b inactiveFlag:b company:@companies# customFields:a`,
    ),
  },
  {
    path: entityOf("companies").path,
    table: "companies",
    resource: "company",
    ops: entityOf("companies").operations,
    permission: P.companyMaintenance,
    callbackType: "company",
    hooks: companyHooks,
    referenceScope: companySiteScope,
    fields: fields(
      `identifier:s30! name:s50! status:@companyStatuses addressLine1:s50 addressLine2:s50 city:s50 state:s50 zip:s12 country:@ phoneNumber:s30 faxNumber:s30 website:s255 territory:@locations market:@ accountNumber:s defaultContact:@contacts dateAcquired:d parentCompany:@companies annualRevenue:n numberOfEmployees:i leadSource:s50 leadFlag:b unsubscribeFlag:b ${UDF} vendorIdentifier:s taxIdentifier:s deletedFlag:b dateDeleted:d# deletedBy:s# mobileGuid:s types:@companyTypes[] site:@sites billingSite:@sites billingContact:@contacts isVendorFlag:b ${CUSTOM}`,
    ),
  },
  {
    path: entityOf("contacts").path,
    table: "contacts",
    resource: "contact",
    ops: entityOf("contacts").operations,
    permission: P.contacts,
    callbackType: "contact",
    referenceScope: siteScopeByBodyCompany,
    fields: fields(
      `firstName:s lastName:s company:@companies site:@sites addressLine1:s addressLine2:s city:s state:s zip:s country:@ relationship:@ department:@ inactiveFlag:b title:s nickName:s defaultPhoneType:s defaultPhoneNbr:s defaultPhoneExtension:s defaultBillingFlag:b defaultFlag:b ${UDF} communicationItems:a types:a ${CUSTOM} ignoreDuplicates:b typeIds:a`,
    ),
  },
  {
    path: entityOf("configurationTypes").path,
    table: "configurationTypes",
    resource: "configurationType",
    ops: entityOf("configurationTypes").operations,
    permission: P.tableSetup,
    fields: fields("name:s50! inactiveFlag:b systemFlag:b"),
  },
  {
    path: entityOf("configurationStatuses").path,
    table: "configurationStatuses",
    resource: "configurationStatus",
    ops: entityOf("configurationStatuses").operations,
    permission: P.tableSetup,
    fields: fields("description:s50! closedFlag:b defaultFlag:b"),
  },
  {
    path: entityOf("configurations").path,
    table: "configurations",
    resource: "configuration",
    ops: entityOf("configurations").operations,
    permission: P.configurations,
    callbackType: "configuration",
    hooks: configurationHooks,
    referenceScope: siteScopeByBodyCompany,
    fields: fields(
      `name:s100! type:@configurationTypes! status:@configurationStatuses company:@companies! contact:@contacts site:@sites location:@locations department:@departments deviceIdentifier:s100 serialNumber:s250 modelNumber:s50 tagNumber:s50 purchaseDate:d installationDate:d installedBy:@members warrantyExpirationDate:d vendorNotes:s notes:s macAddress:s25 lastLoginName:s100 billFlag:b ipAddress:s50 defaultGateway:s50 osType:s250 osInfo:s250 cpuSpeed:s100 ram:s25 localHardDrives:s parentConfigurationId:i vendor:@companies manufacturer:@ questions:a activeFlag:b managementLink:s1000 remoteLink:s1000 mobileGuid:s needsRenewalFlag:b manufacturerPartNumber:s50 customFields:a`,
    ),
  },
  {
    path: entityOf("boardStatuses").path,
    table: "boardStatuses",
    resource: "boardStatus",
    parent: { table: "boards", field: "board", style: "ref" },
    ops: entityOf("boardStatuses").operations,
    permission: P.tableSetup,
    fields: fields(
      "name:s50! board:@boards# sortOrder:i displayOnBoard:b inactive:b closedStatus:b timeEntryNotAllowed:b defaultFlag:b escalationStatus:e(NotResponded|Responded|ResolutionPlan|Resolved|NoEscalation) customerPortalDescription:s500 customerPortalFlag:b",
    ),
  },
  {
    path: entityOf("boardTypes").path,
    table: "boardTypes",
    resource: "boardType",
    parent: { table: "boards", field: "board", style: "ref" },
    ops: entityOf("boardTypes").operations,
    permission: P.tableSetup,
    fields: fields(
      "name:s50! board:@boards# category:e(Reactive|Proactive) defaultFlag:b inactiveFlag:b requestForChangeFlag:b integrationXref:s50",
    ),
  },
  {
    path: entityOf("boardSubtypes").path,
    table: "boardSubtypes",
    resource: "boardSubType",
    parent: { table: "boards", field: "board", style: "ref" },
    ops: entityOf("boardSubtypes").operations,
    permission: P.tableSetup,
    fields: fields("name:s50! board:@boards# inactiveFlag:b typeAssociationIds:a"),
  },
  {
    path: entityOf("boardItems").path,
    table: "boardItems",
    resource: "boardItem",
    parent: { table: "boards", field: "board", style: "ref" },
    ops: entityOf("boardItems").operations,
    permission: P.tableSetup,
    fields: fields("name:s50! board:@boards# inactiveFlag:b"),
  },
  {
    path: entityOf("boards").path,
    table: "boards",
    resource: "board",
    ops: entityOf("boards").operations,
    permission: P.tableSetup,
    fields: fields(
      "name:s50! location:@locations! department:@departments! inactiveFlag:b projectFlag:b billTime:e(Billable|DoNotBill|NoCharge|NoDefault) billExpense:e(Billable|DoNotBill|NoCharge|NoDefault) billProduct:e(Billable|DoNotBill|NoCharge|NoDefault) autoCloseStatus:@boardStatuses dispatchMember:@members serviceManagerMember:@members",
    ),
  },
  {
    path: entityOf("priorities").path,
    table: "priorities",
    resource: "priority",
    ops: entityOf("priorities").operations,
    permission: P.tableSetup,
    fields: fields(
      "name:s50! color:e(Black|Blue|Cyan|Gray|Green|Lime|Orange|Pink|Purple|Red|White|Yellow|Custom)! sortOrder:i defaultFlag:b imageLink:s urgencySortOrder:s level:s",
    ),
  },
  {
    path: entityOf("severities").path,
    table: "severities",
    resource: "severity",
    ops: entityOf("severities").operations,
    permission: P.tableSetup,
    fields: fields("name:s description:s200! defaultFlag:b"),
  },
  {
    path: entityOf("impacts").path,
    table: "impacts",
    resource: "impact",
    ops: entityOf("impacts").operations,
    permission: P.tableSetup,
    fields: fields("name:s description:s200! defaultFlag:b"),
  },
  {
    path: entityOf("ticketNotes").path,
    table: "ticketNotes",
    resource: "serviceNote",
    parent: { table: "tickets", field: "ticketId", style: "id" },
    ops: entityOf("ticketNotes").operations,
    permission: P.serviceTickets,
    hooks: noteHooks,
    fields: fields(
      "ticketId:i# text:s! detailDescriptionFlag:b internalAnalysisFlag:b resolutionFlag:b issueFlag:b member:@members contact:@contacts customerUpdatedFlag:b processNotifications:b dateCreated:s# createdBy:s# internalFlag:b externalFlag:b",
    ),
  },
  {
    path: entityOf("tickets").path,
    table: "tickets",
    resource: "ticket",
    ops: entityOf("tickets").operations,
    permission: P.serviceTickets,
    callbackType: "ticket",
    hooks: ticketHooks,
    referenceScope: ticketReferenceScope,
    fields: fields(
      `summary:s100! recordType:e(ProjectIssue|ProjectTicket|ServiceTicket) board:@boards status:@boardStatuses workRole:@ workType:@ company:@companies! site:@sites siteName:s50 addressLine1:s50 addressLine2:s50 city:s50 stateIdentifier:s50 zip:s12 country:@ contact:@contacts contactName:s62 contactPhoneNumber:s20 contactPhoneExtension:s15 contactEmailAddress:s250 type:@boardTypes subType:@boardSubtypes item:@boardItems team:@ owner:@members priority:@priorities serviceLocation:@ source:@ requiredDate:d budgetHours:n opportunity:@ agreement:@agreements severity:e(Low|Medium|High)~ impact:e(Low|Medium|High)~ externalXRef:s100 poNumber:s50 allowAllClientsPortalView:b customerUpdatedFlag:b automaticEmailContactFlag:b automaticEmailResourceFlag:b automaticEmailCcFlag:b automaticEmailCc:s1000 processNotifications:b closedDate:s# closedBy:s# closedFlag:b# actualHours:n# approved:b dateResolved:s# isInSla:b# parentTicketId:i hasChildTicket:b# billTime:e(Billable|DoNotBill|NoCharge|NoDefault) billExpenses:e(Billable|DoNotBill|NoCharge|NoDefault) billProducts:e(Billable|DoNotBill|NoCharge|NoDefault) skipCallback:b# ${CUSTOM}`,
    ),
  },
  {
    path: entityOf("timeEntries").path,
    table: "timeEntries",
    resource: "timeEntry",
    ops: entityOf("timeEntries").operations,
    permission: P.timeEntry,
    callbackType: "time",
    hooks: timeEntryHooks,
    fields: fields(
      `company:@companies chargeToId:i chargeToType:e(ServiceTicket|ProjectTicket|ChargeCode|Activity) member:@members workType:@ workRole:@ agreement:@agreements timeStart:d! timeEnd:d hoursDeduct:n actualHours:n billableOption:e(Billable|DoNotBill|NoCharge|NoDefault)~ notes:s internalNotes:s addToDetailDescriptionFlag:b addToInternalAnalysisFlag:b addToResolutionFlag:b emailResourceFlag:b emailContactFlag:b emailCcFlag:b emailCc:s hoursBilled:n# enteredBy:s# dateEntered:s# status:e(Open|Rejected|PendingApproval|ErrorsCorrected|PendingProjectApproval|ApprovedByTierOne|RejectBySecondTier|ApprovedByTierTwo|ReadyToBill|Billed|WrittenOff|BilledAgreement) ticket:@tickets# customFields:a`,
    ),
  },
  {
    path: "/finance/agreements/types",
    table: "agreementTypes",
    resource: "agreementType",
    ops: ALL,
    permission: P.tableSetup,
    fields: fields("name:s50! prefixSuffixOption:s defaultFlag:b inactiveFlag:b"),
  },
  {
    path: entityOf("additions").path,
    table: "additions",
    resource: "addition",
    parent: { table: "agreements", field: "agreementId", style: "id" },
    hidden: ["agreement"],
    ops: entityOf("additions").operations,
    permission: P.agreements,
    hooks: additionHooks,
    fields: fields(
      "product:@catalogItems! quantity:n lessIncluded:n unitPrice:n unitCost:n billCustomer:e(Billable|DoNotBill|NoCharge)! effectiveDate:d cancelledDate:d taxableFlag:b serialNumber:s50 invoiceDescription:s6000 purchaseItemFlag:b specialOrderFlag:b agreementId:i# description:s billedQuantity:n# uom:s extPrice:n# extCost:n# sequenceNumber:n margin:n# prorateCurrentPeriodFlag:b agreementStatus:e(Active|Cancelled|Expired|Inactive) customFields:a",
    ),
  },
  {
    path: entityOf("agreements").path,
    table: "agreements",
    resource: "agreement",
    ops: entityOf("agreements").operations,
    permission: P.agreements,
    callbackType: "agreement",
    referenceScope: siteScopeByBodyCompany,
    fields: fields(
      `name:s100! type:@agreementTypes! company:@companies! contact:@contacts! site:@sites parentAgreement:@agreements customerPO:s50 location:@locations department:@departments startDate:d endDate:d noEndingDateFlag:b cancelledFlag:b dateCancelled:d reasonCancelled:s100 workOrder:s20 internalNotes:s applicationUnits:e(Amount|Hours|Incidents) applicationLimit:n applicationUnlimitedFlag:b oneTimeFlag:b billAmount:n taxable:b invoiceDescription:s billTime:e(Billable|DoNotBill|NoCharge|NoDefault)~ billExpenses:e(Billable|DoNotBill|NoCharge|NoDefault) billProducts:e(Billable|DoNotBill|NoCharge|NoDefault) agreementStatus:e(Active|Cancelled|Expired|Inactive) customFields:a`,
    ),
  },
  {
    path: entityOf("catalogItems").path,
    table: "catalogItems",
    resource: "catalogItem",
    ops: entityOf("catalogItems").operations,
    permission: P.productCatalog,
    callbackType: "product",
    fields: fields(
      `identifier:s75! description:s60! inactiveFlag:b subcategory:@! type:@! productClass:e(Agreement|Bundle|Inventory|NonInventory|Service) serializedFlag:b unitOfMeasure:@ price:n cost:n taxableFlag:b customerDescription:s6000! manufacturer:@ manufacturerPartNumber:s50 vendor:@companies vendorSku:s50 notes:s integrationXRef:s50 recurringFlag:b recurringRevenue:n recurringCost:n category:@ billableOption:e(Billable|DoNotBill|NoCharge|NoDefault) customFields:a`,
    ),
  },
  {
    path: entityOf("members").path,
    table: "members",
    resource: "member",
    ops: entityOf("members").operations,
    permission: P.memberMaintenance,
    callbackType: "member",
    fields: fields(
      "identifier:s15! licenseClass:e(A|C|F|X)! firstName:s30! middleInitial:s1 lastName:s30! hireDate:d! officeEmail:s250 mobileEmail:s250 homeEmail:s250 defaultEmail:e(Office|Mobile|Home)! primaryEmail:s250 officePhone:s15 mobilePhone:s15 homePhone:s15 defaultPhone:e(Office|Mobile|Home)! securityRole:@securityRoles! inactiveFlag:b inactiveDate:d title:s adminFlag:b defaultLocation:@locations defaultDepartment:@departments serviceDefaultBoard:@boards notes:s timeZone:@",
    ),
  },
  {
    path: entityOf("apiMembers").path,
    table: "apiMembers",
    resource: "apiMember",
    hidden: ["licenseClass"],
    ops: entityOf("apiMembers").operations,
    permission: P.memberMaintenance,
    fields: fields(
      "identifier:s15! name:s30 emailAddress:s250 inactiveFlag:b inactiveDate:d securityRole:@securityRoles defaultLocation:@locations defaultDepartment:@departments serviceDefaultBoard:@boards notes:s excludedServiceBoardIds:a timeZone:@",
    ),
  },
  {
    path: entityOf("securityRoleSettings").path,
    table: "securityRoleSettings",
    resource: "securityRoleSetting",
    parent: { table: "securityRoles", field: "roleId", style: "id" },
    hidden: ["roleId"],
    ops: entityOf("securityRoleSettings").operations,
    permission: P.securityRoles,
    fields: fields("roleId:i#"),
  },
  {
    path: entityOf("securityRoles").path,
    table: "securityRoles",
    resource: "securityRole",
    hidden: ["customizeItems"],
    ops: entityOf("securityRoles").operations,
    permission: P.securityRoles,
    fields: fields("name:s30! roleType:s30 adminFlag:b inactiveFlag:b"),
  },
  {
    path: entityOf("callbacks").path,
    table: "callbacks",
    resource: "callbackEntry",
    ops: entityOf("callbacks").operations,
    permission: P.callbacks,
    hooks: callbackHooks,
    fields: fields(
      "description:s100 url:s! objectId:i! type:s! level:s! memberId:i# payloadVersion:s inactiveFlag:b isSoapCallbackFlag:b isSelfSuppressedFlag:b connectWiseID:s",
    ),
  },
  {
    path: "/system/locations",
    table: "locations",
    resource: "location",
    ops: ALL,
    permission: P.tableSetup,
    fields: fields(
      "name:s50! where:s ownerLevelId:i structureLevel:@ timeZone:@ overtimeWorkRole:@",
    ),
  },
  {
    path: "/system/departments",
    table: "departments",
    resource: "department",
    ops: ALL,
    permission: P.tableSetup,
    fields: fields("identifier:s10 name:s50! inactiveFlag:b"),
  },
];
