/**
 * Per-table facts used by references: the label in error messages, which fields a reference
 * carries (`{id, name}` or `{id, identifier, name}`), and the API path of a row (for `_href`).
 */
import type { Entity, TableName } from "./types.js";

export interface TableMeta {
  /** Human label in messages, e.g. "Service Status". */
  readonly label: string;
  /** Row fields a reference may be resolved by (besides `id`), in lookup order. */
  readonly keys: readonly string[];
  /** The reference object's label fields for a row. */
  refOf(row: Entity): Record<string, unknown>;
  /** Path below `apis/3.0` of the row. */
  path(row: Entity): string;
}

const byName = (row: Entity): Record<string, unknown> => ({ name: row["name"] });
const idOf = (value: unknown): string => {
  const id = (value as { id?: unknown } | null | undefined)?.id;
  return typeof id === "number" ? String(id) : typeof value === "number" ? String(value) : "";
};

function meta(
  label: string,
  base: string,
  options: {
    keys?: readonly string[];
    refOf?: (row: Entity) => Record<string, unknown>;
    parent?: string;
  } = {},
): TableMeta {
  const { parent } = options;
  return {
    label,
    keys: options.keys ?? ["name"],
    refOf: options.refOf ?? byName,
    path: (row) =>
      parent === undefined
        ? `${base}/${row.id}`
        : `${base.replace("{parentId}", idOf(row[parent]))}/${row.id}`,
  };
}

const fullName = (row: Entity): string =>
  [row["firstName"], row["lastName"]].filter((part) => typeof part === "string").join(" ");

/** Metadata of every table. */
export const TABLE_META: Readonly<Record<TableName, TableMeta>> = {
  companies: meta("Company", "/company/companies", {
    keys: ["identifier", "name"],
    refOf: (row) => ({ identifier: row["identifier"], name: row["name"] }),
  }),
  companyTypes: meta("Company Type", "/company/companies/types"),
  companyStatuses: meta("Company Status", "/company/companies/statuses"),
  sites: meta("Site", "/company/companies/{parentId}/sites", { parent: "company" }),
  contacts: meta("Contact", "/company/contacts", {
    keys: [],
    refOf: (row) => ({ name: fullName(row) }),
  }),
  configurations: meta("Configuration", "/company/configurations"),
  configurationTypes: meta("Configuration Type", "/company/configurations/types"),
  configurationStatuses: meta("Configuration Status", "/company/configurations/statuses", {
    keys: ["description"],
    refOf: (row) => ({ name: row["description"] }),
  }),
  boards: meta("Service Board", "/service/boards"),
  boardStatuses: meta("Service Status", "/service/boards/{parentId}/statuses", { parent: "board" }),
  boardTypes: meta("Service Type", "/service/boards/{parentId}/types", { parent: "board" }),
  boardSubtypes: meta("Service SubType", "/service/boards/{parentId}/subtypes", {
    parent: "board",
  }),
  boardItems: meta("Service Item", "/service/boards/{parentId}/items", { parent: "board" }),
  priorities: meta("Priority", "/service/priorities"),
  severities: meta("Severity", "/service/severities"),
  impacts: meta("Impact", "/service/impacts"),
  tickets: meta("Ticket", "/service/tickets", {
    keys: [],
    refOf: (row) => ({ summary: row["summary"] }),
  }),
  ticketNotes: meta("Service Note", "/service/tickets/{parentId}/notes", { parent: "ticketId" }),
  ticketConfigurations: meta("Configuration", "/service/tickets/{parentId}/configurations", {
    parent: "ticketId",
  }),
  timeEntries: meta("Time Entry", "/time/entries", { keys: [], refOf: () => ({}) }),
  agreements: meta("Agreement", "/finance/agreements"),
  agreementTypes: meta("Agreement Type", "/finance/agreements/types"),
  additions: meta("Addition", "/finance/agreements/{parentId}/additions", {
    parent: "agreementId",
  }),
  catalogItems: meta("Product", "/procurement/catalog", {
    keys: ["identifier"],
    refOf: (row) => ({ identifier: row["identifier"] }),
  }),
  members: meta("Member", "/system/members", {
    keys: ["identifier"],
    refOf: (row) => ({ identifier: row["identifier"], name: fullName(row) }),
  }),
  apiMembers: meta("Member", "/system/apiMembers", {
    keys: ["identifier"],
    refOf: (row) => ({ identifier: row["identifier"], name: row["name"] }),
  }),
  securityRoles: meta("Security Role", "/system/securityroles"),
  securityRoleSettings: meta("Security Role Setting", "/system/securityRoles/{parentId}/settings", {
    parent: "roleId",
  }),
  callbacks: meta("Callback", "/system/callbacks", { keys: [], refOf: () => ({}) }),
  locations: meta("Location", "/system/locations"),
  departments: meta("Department", "/system/departments"),
};
