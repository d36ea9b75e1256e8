/**
 * The inventory feature's tables (`inventory_members`, `inventory_contacts`,
 * `inventory_cursors`): the only file that queries them, always through the tenant-scoped
 * handle. Upserts guard their `on conflict … do update` with the tenant (the primary key is
 * `(connection_id, cw_id)`, global ids, but another tenant's row must never be updated).
 */
import type { Selectable } from "kysely";
import type {
  InventoryContactsTable,
  InventoryCursorKind,
  InventoryMembersTable,
} from "../../store/schema.js";
import type { TenantDb, TenantInsert } from "../../store/tenant-scope.js";

/** Values of an `inventory_members` row. */
export type MemberValues = TenantInsert<"inventory_members">;
/** Values of an `inventory_contacts` row. */
export type ContactValues = TenantInsert<"inventory_contacts">;
/** A stored member row. */
export type MemberRow = Selectable<InventoryMembersTable>;
/** A stored contact row. */
export type ContactRow = Selectable<InventoryContactsTable>;

/** Rows per insert statement (16 columns: well under both dialects' parameter limits). */
const CHUNK = 250;
/** Ids per `in (…)` list. */
const ID_CHUNK = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Inserts or updates members (a row seen again is no longer `deleted`).
 *
 * @example
 * await upsertMembers(ctx.scope.db, rows);
 */
export async function upsertMembers(db: TenantDb, rows: readonly MemberValues[]): Promise<void> {
  for (const part of chunks(rows, CHUNK)) {
    await db
      .insertInto("inventory_members", part)
      .onConflict((oc) =>
        oc
          .columns(["connection_id", "cw_id"])
          .doUpdateSet((eb) => ({
            identifier: eb.ref("excluded.identifier"),
            first_name: eb.ref("excluded.first_name"),
            last_name: eb.ref("excluded.last_name"),
            title: eb.ref("excluded.title"),
            email: eb.ref("excluded.email"),
            phone: eb.ref("excluded.phone"),
            license_class: eb.ref("excluded.license_class"),
            inactive: eb.ref("excluded.inactive"),
            deleted: 0,
            cw_last_updated: eb.ref("excluded.cw_last_updated"),
            seen_at: eb.ref("excluded.seen_at"),
            updated_at: eb.ref("excluded.updated_at"),
          }))
          .where("inventory_members.tenant", "=", db.tenant),
      )
      .execute();
  }
}

/**
 * Inserts or updates contacts (a row seen again is no longer `deleted`).
 *
 * @example
 * await upsertContacts(ctx.scope.db, rows);
 */
export async function upsertContacts(db: TenantDb, rows: readonly ContactValues[]): Promise<void> {
  for (const part of chunks(rows, CHUNK)) {
    await db
      .insertInto("inventory_contacts", part)
      .onConflict((oc) =>
        oc
          .columns(["connection_id", "cw_id"])
          .doUpdateSet((eb) => ({
            company_id: eb.ref("excluded.company_id"),
            company_identifier: eb.ref("excluded.company_identifier"),
            company_name: eb.ref("excluded.company_name"),
            first_name: eb.ref("excluded.first_name"),
            last_name: eb.ref("excluded.last_name"),
            title: eb.ref("excluded.title"),
            email: eb.ref("excluded.email"),
            phone: eb.ref("excluded.phone"),
            inactive: eb.ref("excluded.inactive"),
            deleted: 0,
            cw_last_updated: eb.ref("excluded.cw_last_updated"),
            seen_at: eb.ref("excluded.seen_at"),
            updated_at: eb.ref("excluded.updated_at"),
          }))
          .where("inventory_contacts.tenant", "=", db.tenant),
      )
      .execute();
  }
}

/**
 * Marks the connection's members a full pass (stamp `stamp`) did not return as deleted;
 * returns how many.
 *
 * @example
 * await markMembersGone(ctx.scope.db, connectionId, stamp, nowIso()); // 1
 */
export async function markMembersGone(
  db: TenantDb,
  connectionId: string,
  stamp: string,
  now: string,
): Promise<number> {
  const result = await db
    .updateTable("inventory_members")
    .set({ deleted: 1, updated_at: now })
    .where("connection_id", "=", connectionId)
    .where("seen_at", "<", stamp)
    .where("deleted", "=", 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Marks the contacts of these companies a full pass (stamp `stamp`) did not return as
 * deleted; returns how many.
 *
 * @example
 * await markContactsGone(ctx.scope.db, connectionId, [250, 251], stamp, nowIso()); // 3
 */
export async function markContactsGone(
  db: TenantDb,
  connectionId: string,
  companyIds: readonly number[],
  stamp: string,
  now: string,
): Promise<number> {
  let marked = 0;
  for (const ids of chunks(companyIds, ID_CHUNK)) {
    const result = await db
      .updateTable("inventory_contacts")
      .set({ deleted: 1, updated_at: now })
      .where("connection_id", "=", connectionId)
      .where("company_id", "in", ids)
      .where("seen_at", "<", stamp)
      .where("deleted", "=", 0)
      .executeTakeFirst();
    marked += Number(result.numUpdatedRows);
  }
  return marked;
}

/**
 * How many of the connection's members are present (not deleted).
 *
 * @example
 * await countPresentMembers(ctx.scope.db, connectionId); // 12
 */
export async function countPresentMembers(db: TenantDb, connectionId: string): Promise<number> {
  const row = await db
    .selectFrom("inventory_members")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("connection_id", "=", connectionId)
    .where("deleted", "=", 0)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * How many contacts of these companies are present (not deleted).
 *
 * @example
 * await countPresentContacts(ctx.scope.db, connectionId, [250]); // 4
 */
export async function countPresentContacts(
  db: TenantDb,
  connectionId: string,
  companyIds: readonly number[],
): Promise<number> {
  let total = 0;
  for (const ids of chunks(companyIds, ID_CHUNK)) {
    const row = await db
      .selectFrom("inventory_contacts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("connection_id", "=", connectionId)
      .where("company_id", "in", ids)
      .where("deleted", "=", 0)
      .executeTakeFirst();
    total += Number(row?.n ?? 0);
  }
  return total;
}

/**
 * Drops the stored contacts and company cursors of companies that are no longer mapped
 * (`keep`: the mapped company ids); returns how many contacts were dropped.
 *
 * @example
 * await dropUnmappedCompanies(ctx.scope.db, connectionId, [250, 251]); // 2
 */
export async function dropUnmappedCompanies(
  db: TenantDb,
  connectionId: string,
  keep: readonly number[],
): Promise<number> {
  const stored = await db
    .selectFrom("inventory_cursors")
    .select("company_id")
    .where("connection_id", "=", connectionId)
    .where("kind", "=", "company")
    .execute();
  const contactCompanies = await db
    .selectFrom("inventory_contacts")
    .select("company_id")
    .distinct()
    .where("connection_id", "=", connectionId)
    .execute();
  const kept = new Set(keep);
  const gone = [
    ...new Set(
      [...stored, ...contactCompanies].map((r) => r.company_id).filter((id) => !kept.has(id)),
    ),
  ];
  let dropped = 0;
  for (const ids of chunks(gone, ID_CHUNK)) {
    const result = await db
      .deleteFrom("inventory_contacts")
      .where("connection_id", "=", connectionId)
      .where("company_id", "in", ids)
      .executeTakeFirst();
    dropped += Number(result.numDeletedRows);
    await db
      .deleteFrom("inventory_cursors")
      .where("connection_id", "=", connectionId)
      .where("kind", "=", "company")
      .where("company_id", "in", ids)
      .execute();
  }
  return dropped;
}

/** One cursor row. */
export interface CursorValue {
  readonly companyId: number;
  readonly lastUpdated: string | null;
  readonly syncedAt: string;
}

/**
 * The cursors of one kind of a connection (`members` / `contacts`: one row, company 0;
 * `company`: one per company read in full).
 *
 * @example
 * const [contacts] = await readCursors(ctx.scope.db, connectionId, "contacts");
 */
export async function readCursors(
  db: TenantDb,
  connectionId: string,
  kind: InventoryCursorKind,
): Promise<CursorValue[]> {
  const rows = await db
    .selectFrom("inventory_cursors")
    .select(["company_id", "last_updated", "synced_at"])
    .where("connection_id", "=", connectionId)
    .where("kind", "=", kind)
    .execute();
  return rows.map((r) => ({
    companyId: r.company_id,
    lastUpdated: r.last_updated,
    syncedAt: r.synced_at,
  }));
}

/**
 * Sets cursors (insert or replace).
 *
 * @example
 * await writeCursors(ctx.scope.db, connectionId, "contacts", [{ companyId: 0, lastUpdated, syncedAt }]);
 */
export async function writeCursors(
  db: TenantDb,
  connectionId: string,
  kind: InventoryCursorKind,
  values: readonly CursorValue[],
): Promise<void> {
  const rows = values.map((v) => ({
    connection_id: connectionId,
    kind,
    company_id: v.companyId,
    last_updated: v.lastUpdated,
    synced_at: v.syncedAt,
  }));
  for (const part of chunks(rows, CHUNK)) {
    await db
      .insertInto("inventory_cursors", part)
      .onConflict((oc) =>
        oc
          .columns(["connection_id", "kind", "company_id"])
          .doUpdateSet((eb) => ({
            last_updated: eb.ref("excluded.last_updated"),
            synced_at: eb.ref("excluded.synced_at"),
          }))
          .where("inventory_cursors.tenant", "=", db.tenant),
      )
      .execute();
  }
}

/** Where a keyset page starts (exclusive): the last row of the previous page. */
export interface RowKey {
  readonly connectionId: string;
  readonly cwId: number;
}

/** Filters of the row pages. */
export interface RowFilter {
  readonly connectionId?: string;
  /** Also rows a full pass no longer returned. */
  readonly includeDeleted?: boolean;
}

/** Filters of the contact pages. */
export interface ContactRowFilter extends RowFilter {
  readonly companyId?: number;
  /** Company identifier or name (exact). */
  readonly company?: string;
}

/**
 * One page of members in (connection, id) order after `after` (keyset: no offset, no open
 * cursor between pages, so a caller streams any number of rows in bounded memory).
 *
 * @example
 * const page = await selectMemberPage(ctx.scope.db, {}, undefined, 1000);
 */
export async function selectMemberPage(
  db: TenantDb,
  filter: RowFilter,
  after: RowKey | undefined,
  limit: number,
): Promise<MemberRow[]> {
  let query = db.selectFrom("inventory_members").selectAll();
  if (filter.connectionId !== undefined)
    query = query.where("connection_id", "=", filter.connectionId);
  if (filter.includeDeleted !== true) query = query.where("deleted", "=", 0);
  if (after !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb("connection_id", ">", after.connectionId),
        eb.and([eb("connection_id", "=", after.connectionId), eb("cw_id", ">", after.cwId)]),
      ]),
    );
  }
  return query.orderBy("connection_id").orderBy("cw_id").limit(limit).execute();
}

/**
 * One page of contacts in (connection, id) order after `after` (see {@link selectMemberPage}).
 *
 * @example
 * const page = await selectContactPage(ctx.scope.db, { companyId: 250 }, undefined, 1000);
 */
export async function selectContactPage(
  db: TenantDb,
  filter: ContactRowFilter,
  after: RowKey | undefined,
  limit: number,
): Promise<ContactRow[]> {
  let query = db.selectFrom("inventory_contacts").selectAll();
  if (filter.connectionId !== undefined)
    query = query.where("connection_id", "=", filter.connectionId);
  if (filter.includeDeleted !== true) query = query.where("deleted", "=", 0);
  if (filter.companyId !== undefined) query = query.where("company_id", "=", filter.companyId);
  const company = filter.company;
  if (company !== undefined) {
    query = query.where((eb) =>
      eb.or([eb("company_identifier", "=", company), eb("company_name", "=", company)]),
    );
  }
  if (after !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb("connection_id", ">", after.connectionId),
        eb.and([eb("connection_id", "=", after.connectionId), eb("cw_id", ">", after.cwId)]),
      ]),
    );
  }
  return query.orderBy("connection_id").orderBy("cw_id").limit(limit).execute();
}
