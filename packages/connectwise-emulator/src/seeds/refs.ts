/**
 * Reference objects in ConnectWise's shape, built from seed rows (fresh objects every call).
 */
import type { Entity } from "../types.js";

/** A reference object, e.g. `{ id, name }`. */
export type Ref = { id: number } & Record<string, unknown>;

const text = (row: Entity, field: string): string => {
  const value = row[field];
  return typeof value === "string" ? value : "";
};

/**
 * `{ id, name }` reference (boards, statuses, types, priorities, roles, locations, sites ...).
 *
 * @example
 * nameRef({ id: 1, name: "Service Desk" }); // { id: 1, name: "Service Desk" }
 */
export function nameRef(row: Entity): Ref {
  return { id: row.id, name: text(row, "name") };
}

/**
 * `{ id, identifier, name }` reference (companies, departments).
 *
 * @example
 * identifierRef({ id: 2, identifier: "AcmeCorp", name: "Acme Corporation" });
 */
export function identifierRef(row: Entity): Ref {
  return { id: row.id, identifier: text(row, "identifier"), name: text(row, "name") };
}

/**
 * `{ id, name }` for a configuration status (its label lives in `description`).
 *
 * @example
 * configurationStatusRef({ id: 1, description: "Active" }); // { id: 1, name: "Active" }
 */
export function configurationStatusRef(row: Entity): Ref {
  return { id: row.id, name: text(row, "description") };
}

/**
 * `{ id, name }` for a contact, the name being "First Last".
 *
 * @example
 * contactRef({ id: 5, firstName: "Ada", lastName: "Lovelace" }); // { id: 5, name: "Ada Lovelace" }
 */
export function contactRef(row: Entity): Ref {
  return { id: row.id, name: `${text(row, "firstName")} ${text(row, "lastName")}`.trim() };
}

/**
 * `{ id, identifier, name }` for a member, the name being "First Last".
 *
 * @example
 * memberRef({ id: 100, identifier: "jsmith", firstName: "Jordan", lastName: "Smith" });
 */
export function memberRef(row: Entity): Ref {
  const name = `${text(row, "firstName")} ${text(row, "lastName")}`.trim();
  return { id: row.id, identifier: text(row, "identifier"), name };
}

/**
 * `{ id, identifier }` for a catalog item (`IvItemReference`).
 *
 * @example
 * productRef({ id: 1, identifier: "MANAGED-WS" }); // { id: 1, identifier: "MANAGED-WS" }
 */
export function productRef(row: Entity): Ref {
  return { id: row.id, identifier: text(row, "identifier") };
}

/**
 * Finds a row by a field value or throws (seed builders use fixed names).
 *
 * @example
 * byField(statuses, "name", "Closed");
 */
export function byField(rows: readonly Entity[], field: string, value: unknown): Entity {
  const row = rows.find((candidate) => candidate[field] === value);
  if (row === undefined) throw new Error(`seed: no row with ${field}=${String(value)}`);
  return row;
}
