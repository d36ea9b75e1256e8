/**
 * Per-table facts used by references: the label in error messages, which fields a reference
 * carries (`{id, name}` or `{id, identifier, name}`), and the API path of a row (for `_href`).
 * Paths come from the client's entity table (`table-entities.ts`) where the client has one.
 */
import { entityOf } from "./table-entities.js";
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
  companies: meta("Company", entityOf("companies").path, {
    keys: ["identifier", "name"],
    refOf: (row) => ({ identifier: row["identifier"], name: row["name"] }),
  }),
  companyTypes: meta("Company Type", entityOf("companyTypes").path),
  companyStatuses: meta("Company Status", entityOf("companyStatuses").path),
  sites: meta("Site", entityOf("sites").path, { parent: "company" }),
  contacts: meta("Contact", entityOf("contacts").path, {
    keys: [],
    refOf: (row) => ({ name: fullName(row) }),
  }),
  configurations: meta("Configuration", entityOf("configurations").path),
  configurationTypes: meta("Configuration Type", entityOf("configurationTypes").path),
  configurationStatuses: meta("Configuration Status", entityOf("configurationStatuses").path, {
    keys: ["description"],
    refOf: (row) => ({ name: row["description"] }),
  }),
  boards: meta("Service Board", entityOf("boards").path),
  boardStatuses: meta("Service Status", entityOf("boardStatuses").path, { parent: "board" }),
  boardTypes: meta("Service Type", entityOf("boardTypes").path, { parent: "board" }),
  boardSubtypes: meta("Service SubType", entityOf("boardSubtypes").path, {
    parent: "board",
  }),
  boardItems: meta("Service Item", entityOf("boardItems").path, { parent: "board" }),
  priorities: meta("Priority", entityOf("priorities").path),
  severities: meta("Severity", entityOf("severities").path),
  impacts: meta("Impact", entityOf("impacts").path),
  tickets: meta("Ticket", entityOf("tickets").path, {
    keys: [],
    refOf: (row) => ({ summary: row["summary"] }),
  }),
  ticketNotes: meta("Service Note", entityOf("ticketNotes").path, { parent: "ticketId" }),
  ticketConfigurations: meta("Configuration", entityOf("ticketConfigurations").path, {
    parent: "ticketId",
  }),
  timeEntries: meta("Time Entry", entityOf("timeEntries").path, { keys: [], refOf: () => ({}) }),
  agreements: meta("Agreement", entityOf("agreements").path),
  agreementTypes: meta("Agreement Type", "/finance/agreements/types"),
  additions: meta("Addition", entityOf("additions").path, {
    parent: "agreementId",
  }),
  catalogItems: meta("Product", entityOf("catalogItems").path, {
    keys: ["identifier"],
    refOf: (row) => ({ identifier: row["identifier"] }),
  }),
  members: meta("Member", entityOf("members").path, {
    keys: ["identifier"],
    refOf: (row) => ({ identifier: row["identifier"], name: fullName(row) }),
  }),
  apiMembers: meta("Member", entityOf("apiMembers").path, {
    keys: ["identifier"],
    refOf: (row) => ({ identifier: row["identifier"], name: row["name"] }),
  }),
  securityRoles: meta("Security Role", entityOf("securityRoles").path),
  securityRoleSettings: meta("Security Role Setting", entityOf("securityRoleSettings").path, {
    parent: "roleId",
  }),
  callbacks: meta("Callback", entityOf("callbacks").path, { keys: [], refOf: () => ({}) }),
  locations: meta("Location", "/system/locations"),
  departments: meta("Department", "/system/departments"),
};
