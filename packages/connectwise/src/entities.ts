/**
 * The entity table: every ConnectWise entity the client knows, once. Keyed by its schema name
 * (the ConnectWise component name, e.g. `CompanyConfiguration`), each entry gives the API path
 * of its collection and the operations the API serves there (2025.16 operation index). The
 * schema-name union (`EntityName`), the resource facades' paths, the response-schema registry
 * (`@cwbridge/connectwise/schemas`) and the emulator's resource paths all derive from it, and
 * the maps that must list every entity are typed `Record<EntityName, …>`, so a new entry that
 * is forgotten anywhere fails the type check.
 */
import { idSegment } from "./resources/paths.js";

/**
 * What the API serves on an entity's path: `list` and `count` on the collection (`list` is a
 * plain GET of the path for singletons such as `/system/info`), `post` to create, and `get`,
 * `put`, `patch`, `delete` on `{path}/{id}`.
 */
export type EntityOperation = "list" | "count" | "get" | "post" | "put" | "patch" | "delete";

/** One entity. */
export interface EntityDef {
  /** API path below `/apis/3.0`; a child collection has `{parentId}` in it. */
  readonly path: string;
  readonly operations: readonly EntityOperation[];
}

const ALL = ["list", "count", "get", "post", "put", "patch", "delete"] as const;
const NO_DELETE = ["list", "count", "get", "post", "put", "patch"] as const;
const FIXED_LIST = ["list", "count", "get", "put", "patch"] as const;
const READ_ONLY = ["list", "count", "get"] as const;
const GET_ONLY = ["list"] as const;

/** Every entity, by schema name. */
export const ENTITIES = {
  // system
  Info: { path: "/system/info", operations: GET_ONLY },
  MyMember: { path: "/system/myMembers", operations: GET_ONLY },
  MySecurity: { path: "/system/mySecurity", operations: GET_ONLY },
  MySecurityCustomizeItem: { path: "/system/mySecurity/customizeItems", operations: GET_ONLY },
  Member: { path: "/system/members", operations: NO_DELETE },
  ApiMember: { path: "/system/apiMembers", operations: NO_DELETE },
  SecurityRole: {
    path: "/system/securityroles",
    operations: ["list", "count", "get", "post", "delete"],
  },
  SecurityRoleSetting: { path: "/system/securityRoles/{parentId}/settings", operations: READ_ONLY },
  CallbackEntry: { path: "/system/callbacks", operations: ALL },
  Report: { path: "/system/reports", operations: GET_ONLY },
  // company
  Company: { path: "/company/companies", operations: ALL },
  CompanyType: { path: "/company/companies/types", operations: ALL },
  CompanyStatus: { path: "/company/companies/statuses", operations: ALL },
  CompanySite: { path: "/company/companies/{parentId}/sites", operations: ALL },
  Contact: { path: "/company/contacts", operations: ALL },
  CompanyConfiguration: { path: "/company/configurations", operations: ALL },
  ConfigurationType: { path: "/company/configurations/types", operations: ALL },
  ConfigurationStatus: { path: "/company/configurations/statuses", operations: ALL },
  // service
  Board: { path: "/service/boards", operations: ALL },
  BoardStatus: { path: "/service/boards/{parentId}/statuses", operations: ALL },
  BoardType: { path: "/service/boards/{parentId}/types", operations: ALL },
  BoardSubType: { path: "/service/boards/{parentId}/subtypes", operations: ALL },
  BoardItem: { path: "/service/boards/{parentId}/items", operations: ALL },
  Priority: { path: "/service/priorities", operations: ALL },
  Severity: { path: "/service/severities", operations: FIXED_LIST },
  Impact: { path: "/service/impacts", operations: FIXED_LIST },
  Ticket: { path: "/service/tickets", operations: ALL },
  ServiceNote: { path: "/service/tickets/{parentId}/notes", operations: ALL },
  ConfigurationReference: {
    path: "/service/tickets/{parentId}/configurations",
    operations: ["list", "count", "get", "post", "delete"],
  },
  // time, finance, procurement
  TimeEntry: { path: "/time/entries", operations: ALL },
  Agreement: { path: "/finance/agreements", operations: ALL },
  Addition: { path: "/finance/agreements/{parentId}/additions", operations: ALL },
  CatalogItem: { path: "/procurement/catalog", operations: ALL },
} as const satisfies Record<string, EntityDef>;

/** The schema name of an entity (what a `ResponseValidator` is called with). */
export type EntityName = keyof typeof ENTITIES;

/** Entities whose path is a child collection (`{parentId}` in it). */
export type ChildEntityName = {
  [N in EntityName]: (typeof ENTITIES)[N]["path"] extends `${string}{parentId}${string}`
    ? N
    : never;
}[EntityName];

/** Entities whose path is a top-level collection or singleton. */
export type TopEntityName = Exclude<EntityName, ChildEntityName>;

/**
 * The API path of an entity's collection; a child entity needs its parent's id (checked).
 *
 * @example
 * entityPath("Company"); // "/company/companies"
 * entityPath("CompanySite", 7); // "/company/companies/7/sites"
 */
export function entityPath(name: TopEntityName): string;
export function entityPath(name: ChildEntityName, parentId: number): string;
export function entityPath(name: EntityName, parentId?: number): string {
  const path: string = ENTITIES[name].path;
  if (!path.includes("{parentId}")) return path;
  return path.replace("{parentId}", idSegment(parentId ?? Number.NaN));
}
