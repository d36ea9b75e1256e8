/**
 * Members and contacts streamed from the store: async iterators over keyset pages (1,000 rows
 * per query, the last key carried to the next), so an export of any size holds one page in
 * memory and never keeps a query open between pages.
 */
import type { AppContext } from "../../core/context.js";
import { toContact, toMember, type InventoryContact, type InventoryMember } from "./records.js";
import {
  selectContactPage,
  selectMemberPage,
  type ContactRowFilter,
  type RowFilter,
  type RowKey,
} from "./repository.js";

/** Rows per store query of a stream. */
export const STREAM_PAGE = 1000;

/** Filters of {@link streamMembers}. */
export type MemberFilter = RowFilter;
/** Filters of {@link streamContacts}. */
export type ContactFilter = ContactRowFilter;

async function* keyset<R extends { connection_id: string; cw_id: number }, T>(
  page: (after: RowKey | undefined) => Promise<R[]>,
  map: (row: R) => T,
): AsyncGenerator<T, void, undefined> {
  let after: RowKey | undefined;
  for (;;) {
    const rows = await page(after);
    for (const row of rows) yield map(row);
    const last = rows.at(-1);
    if (last === undefined || rows.length < STREAM_PAGE) return;
    after = { connectionId: last.connection_id, cwId: last.cw_id };
  }
}

/**
 * Every stored member matching the filter, in (connection, id) order.
 *
 * @example
 * for await (const member of streamMembers(ctx, {})) console.log(member.identifier);
 */
export function streamMembers(
  ctx: AppContext,
  filter: MemberFilter,
): AsyncGenerator<InventoryMember, void, undefined> {
  return keyset((after) => selectMemberPage(ctx.scope.db, filter, after, STREAM_PAGE), toMember);
}

/**
 * Every stored contact matching the filter, in (connection, id) order.
 *
 * @example
 * for await (const contact of streamContacts(ctx, { companyId: 250 })) console.log(contact.email);
 */
export function streamContacts(
  ctx: AppContext,
  filter: ContactFilter,
): AsyncGenerator<InventoryContact, void, undefined> {
  return keyset((after) => selectContactPage(ctx.scope.db, filter, after, STREAM_PAGE), toContact);
}

/**
 * One page of members after `after` (for the HTTP API's paged list).
 *
 * @example
 * const { items, next } = await pageMembers(ctx, {}, undefined, 100);
 */
export async function pageMembers(
  ctx: AppContext,
  filter: MemberFilter,
  after: RowKey | undefined,
  limit: number,
): Promise<{ items: InventoryMember[]; next: RowKey | null }> {
  const rows = await selectMemberPage(ctx.scope.db, filter, after, limit);
  const last = rows.at(-1);
  return {
    items: rows.map(toMember),
    next:
      rows.length < limit || last === undefined
        ? null
        : { connectionId: last.connection_id, cwId: last.cw_id },
  };
}

/**
 * One page of contacts after `after` (for the HTTP API's paged list).
 *
 * @example
 * const { items, next } = await pageContacts(ctx, { company: "AcmeCorp" }, undefined, 100);
 */
export async function pageContacts(
  ctx: AppContext,
  filter: ContactFilter,
  after: RowKey | undefined,
  limit: number,
): Promise<{ items: InventoryContact[]; next: RowKey | null }> {
  const rows = await selectContactPage(ctx.scope.db, filter, after, limit);
  const last = rows.at(-1);
  return {
    items: rows.map(toContact),
    next:
      rows.length < limit || last === undefined
        ? null
        : { connectionId: last.connection_id, cwId: last.cw_id },
  };
}
