/** `contacts`: `/company/contacts` (e-mail addresses are in `communicationItems`). */
import { entityPath } from "../entities.js";
import type { Contact, ContactCreate } from "../schemas/contacts.js";
import { collection, pick, type Collection, type ResourceContext } from "./collection.js";

/** The `contacts` facade. */
export type ContactsResource = Pick<
  Collection<Contact, ContactCreate>,
  "list" | "iterate" | "all" | "get" | "count" | "create" | "update" | "patch"
>;

/**
 * The `contacts` facade.
 *
 * @example
 * const [jane] = await contacts.list({ childConditions: 'communicationItems/value = "jane@acme.com"' });
 */
export function createContactsResource(ctx: ResourceContext): ContactsResource {
  return pick(collection<Contact, ContactCreate>(ctx, entityPath("Contact"), "Contact"), [
    "list",
    "iterate",
    "all",
    "get",
    "count",
    "create",
    "update",
    "patch",
  ]);
}
