/**
 * Which client entity (`ENTITIES` of `@cwbridge/connectwise`) each emulator table stores, or
 * `null` for a table the client has no entity for (served from the emulator's own facts). The
 * tables' API paths and served operations derive from the entity table; typed
 * `Record<TableName, …>`, so a new table without an entry fails the type check.
 */
import { ENTITIES, type EntityDef, type EntityName } from "@cwbridge/connectwise";
import type { TableName } from "./types.js";

export const TABLE_ENTITY = {
  companies: "Company",
  companyTypes: "CompanyType",
  companyStatuses: "CompanyStatus",
  sites: "CompanySite",
  contacts: "Contact",
  configurations: "CompanyConfiguration",
  configurationTypes: "ConfigurationType",
  configurationStatuses: "ConfigurationStatus",
  boards: "Board",
  boardStatuses: "BoardStatus",
  boardTypes: "BoardType",
  boardSubtypes: "BoardSubType",
  boardItems: "BoardItem",
  priorities: "Priority",
  severities: "Severity",
  impacts: "Impact",
  tickets: "Ticket",
  ticketNotes: "ServiceNote",
  ticketConfigurations: "ConfigurationReference",
  timeEntries: "TimeEntry",
  agreements: "Agreement",
  agreementTypes: null,
  additions: "Addition",
  catalogItems: "CatalogItem",
  members: "Member",
  apiMembers: "ApiMember",
  securityRoles: "SecurityRole",
  securityRoleSettings: "SecurityRoleSetting",
  callbacks: "CallbackEntry",
  locations: null,
  departments: null,
} as const satisfies Record<TableName, EntityName | null>;

/** Tables that store a client entity. */
export type EntityTable = {
  [T in TableName]: (typeof TABLE_ENTITY)[T] extends EntityName ? T : never;
}[TableName];

/**
 * The client's entity facts (path, operations) of a table.
 *
 * @example
 * entityOf("sites").path; // "/company/companies/{parentId}/sites"
 */
export function entityOf(table: EntityTable): EntityDef {
  return ENTITIES[TABLE_ENTITY[table]];
}
