/**
 * ConnectWise members and contacts → inventory rows, and stored rows → the records the use
 * cases list and the CLI exports. A contact's e-mail and phone come from its communication
 * items (the default item of that type, else the first); a member's from its default channel
 * (`defaultEmail` / `defaultPhone`: Office, Mobile or Home), else the office one.
 */
import type { Contact, ContactCommunicationItem, Member } from "@cwbridge/connectwise";
import type { ContactRow, ContactValues, MemberRow, MemberValues } from "./repository.js";

/** The member fields the refresh reads (`fields=`). */
export const MEMBER_FIELDS = [
  "id",
  "identifier",
  "firstName",
  "lastName",
  "title",
  "licenseClass",
  "inactiveFlag",
  "officeEmail",
  "mobileEmail",
  "homeEmail",
  "primaryEmail",
  "defaultEmail",
  "officePhone",
  "mobilePhone",
  "homePhone",
  "defaultPhone",
  "_info/lastUpdated",
] as const;

/** The contact fields the refresh reads (`fields=`). */
export const CONTACT_FIELDS = [
  "id",
  "firstName",
  "lastName",
  "title",
  "inactiveFlag",
  "company/id",
  "company/identifier",
  "company/name",
  "communicationItems/type",
  "communicationItems/value",
  "communicationItems/defaultFlag",
  "communicationItems/communicationType",
  "_info/lastUpdated",
] as const;

/** A member as listed and exported. */
export interface InventoryMember {
  readonly connectionId: string;
  readonly id: number;
  readonly identifier: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly title: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly licenseClass: string | null;
  readonly inactive: boolean;
  readonly deleted: boolean;
  readonly lastUpdated: string | null;
}

/** A contact as listed and exported. */
export interface InventoryContact {
  readonly connectionId: string;
  readonly id: number;
  readonly companyId: number;
  readonly companyIdentifier: string | null;
  readonly companyName: string | null;
  readonly firstName: string;
  readonly lastName: string;
  readonly title: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly inactive: boolean;
  readonly deleted: boolean;
  readonly lastUpdated: string | null;
}

/** CSV columns of members, in order (the keys of {@link InventoryMember}). */
export const MEMBER_COLUMNS = [
  "connectionId",
  "id",
  "identifier",
  "firstName",
  "lastName",
  "title",
  "email",
  "phone",
  "licenseClass",
  "inactive",
  "deleted",
  "lastUpdated",
] as const satisfies readonly (keyof InventoryMember)[];

/** CSV columns of contacts, in order (the keys of {@link InventoryContact}). */
export const CONTACT_COLUMNS = [
  "connectionId",
  "id",
  "companyId",
  "companyIdentifier",
  "companyName",
  "firstName",
  "lastName",
  "title",
  "email",
  "phone",
  "inactive",
  "deleted",
  "lastUpdated",
] as const satisfies readonly (keyof InventoryContact)[];

const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() !== "" ? value : null;

function lastUpdatedOf(info: Readonly<Record<string, string | null>> | undefined): string | null {
  return text(info?.["lastUpdated"]);
}

function channel(member: Member, kind: "Email" | "Phone"): string | null {
  const record = member as Readonly<Record<string, unknown>>;
  const preferred = text(record[`default${kind}`]) ?? "Office";
  const key = (where: string) => `${where.toLowerCase()}${kind}`;
  return (
    text(record[key(preferred)]) ??
    text(record[key("Office")]) ??
    (kind === "Email" ? text(member.primaryEmail) : null)
  );
}

/**
 * The stored values of a ConnectWise member, seen by the refresh stamped `stamp`.
 *
 * @example
 * memberValues("conn-1", member, "2026-01-01T00:00:00.000Z").email // "dadams@northwind-msp.example"
 */
export function memberValues(connectionId: string, member: Member, stamp: string): MemberValues {
  return {
    connection_id: connectionId,
    cw_id: member.id,
    identifier: member.identifier ?? "",
    first_name: member.firstName ?? "",
    last_name: member.lastName ?? "",
    title: text(member.title),
    email: channel(member, "Email"),
    phone: channel(member, "Phone"),
    license_class: text(member.licenseClass),
    inactive: member.inactiveFlag === true ? 1 : 0,
    cw_last_updated: lastUpdatedOf(member._info),
    seen_at: stamp,
    updated_at: stamp,
  };
}

function isType(item: ContactCommunicationItem, kind: "Email" | "Phone"): boolean {
  if (item.communicationType !== undefined && item.communicationType !== null) {
    return item.communicationType === kind;
  }
  // Without communicationType, an item whose type is named Email is an e-mail address.
  const name = item.type?.name?.toLowerCase() ?? "";
  return kind === "Email" ? name.includes("email") : name !== "" && !name.includes("email");
}

/**
 * The default communication item of a kind, else the first of that kind.
 *
 * @example
 * communicationValue(contact.communicationItems, "Email") // "jane@acme.example"
 */
export function communicationValue(
  items: readonly ContactCommunicationItem[] | undefined,
  kind: "Email" | "Phone",
): string | null {
  const ofKind = (items ?? []).filter((item) => isType(item, kind) && text(item.value) !== null);
  const chosen = ofKind.find((item) => item.defaultFlag === true) ?? ofKind[0];
  return text(chosen?.value);
}

/**
 * The stored values of a ConnectWise contact (undefined without a company: the inventory only
 * holds contacts of mapped companies).
 *
 * @example
 * contactValues("conn-1", contact, stamp)?.email // "jane@acme.example"
 */
export function contactValues(
  connectionId: string,
  contact: Contact,
  stamp: string,
): ContactValues | undefined {
  const company = contact.company as
    { id?: number; identifier?: string | null; name?: string | null } | undefined;
  if (company?.id === undefined) return undefined;
  return {
    connection_id: connectionId,
    cw_id: contact.id,
    company_id: company.id,
    company_identifier: text(company.identifier),
    company_name: text(company.name),
    first_name: contact.firstName ?? "",
    last_name: contact.lastName ?? "",
    title: text(contact.title),
    email: communicationValue(contact.communicationItems, "Email"),
    phone: communicationValue(contact.communicationItems, "Phone"),
    inactive: contact.inactiveFlag === true ? 1 : 0,
    cw_last_updated: lastUpdatedOf(contact._info),
    seen_at: stamp,
    updated_at: stamp,
  };
}

/**
 * A stored member row as a record.
 *
 * @example
 * toMember(row).inactive // true
 */
export function toMember(row: MemberRow): InventoryMember {
  return {
    connectionId: row.connection_id,
    id: row.cw_id,
    identifier: row.identifier,
    firstName: row.first_name,
    lastName: row.last_name,
    title: row.title,
    email: row.email,
    phone: row.phone,
    licenseClass: row.license_class,
    inactive: row.inactive === 1,
    deleted: row.deleted === 1,
    lastUpdated: row.cw_last_updated,
  };
}

/**
 * A stored contact row as a record.
 *
 * @example
 * toContact(row).companyIdentifier // "AcmeCorp"
 */
export function toContact(row: ContactRow): InventoryContact {
  return {
    connectionId: row.connection_id,
    id: row.cw_id,
    companyId: row.company_id,
    companyIdentifier: row.company_identifier,
    companyName: row.company_name,
    firstName: row.first_name,
    lastName: row.last_name,
    title: row.title,
    email: row.email,
    phone: row.phone,
    inactive: row.inactive === 1,
    deleted: row.deleted === 1,
    lastUpdated: row.cw_last_updated,
  };
}
