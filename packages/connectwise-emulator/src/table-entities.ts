/**
 * Which client entity (`ENTITIES` of `@cwbridge/connectwise`) each emulator table stores, or
 * `null` for a table the client has no entity for (served from the emulator's own facts). The
 * tables' API paths and served operations derive from the entity table. Its keys are the
 * emulator's tables (`TableName`): adding a table is adding an entry here, and the maps typed
 * `Record<TableName, …>` (`TABLE_META`) then fail the type check until they have its row.
 */
import { ENTITIES, type EntityDef, type EntityName } from "@cwbridge/connectwise";

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
} as const satisfies Record<string, EntityName | null>;

type Table = keyof typeof TABLE_ENTITY;

/** Tables that store a client entity. */
export type EntityTable = {
  [T in Table]: (typeof TABLE_ENTITY)[T] extends EntityName ? T : never;
}[Table];

/**
 * The client's entity facts (path, operations) of a table.
 *
 * @example
 * entityOf("sites").path; // "/company/companies/{parentId}/sites"
 */
export function entityOf(table: EntityTable): EntityDef {
  return ENTITIES[TABLE_ENTITY[table]];
}
