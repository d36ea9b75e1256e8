/**
 * `refreshInventory`: a connection's ConnectWise members, and the contacts of its mapped
 * companies, read into the store.
 *
 * - **First run** (and `full`): everything, paged (pageSize 1000, forward-only id order,
 *   trimmed `fields`); contacts in batches of mapped companies (`company/id in (…)`), up to
 *   {@link READ_CONCURRENCY} batches at once. A full pass marks every stored row it did not
 *   return as `deleted`.
 * - **Later runs**: only `_info/lastUpdated >= [cursor − overlap]`, where the cursor is the
 *   highest `lastUpdated` seen so far (ConnectWise's own clock, so no skew with ours; the
 *   overlap re-reads the last minute, whose second-resolution stamps may still be settling).
 *   A company mapped since the last run is read in full.
 * - **Deletions**: ConnectWise has no feed of deleted contacts (its audit trail is per record,
 *   and members are deactivated, not deleted), and a changed-since query never returns a row
 *   that is gone. So every incremental batch also asks ConnectWise's `/count` for the batch;
 *   when it differs from the rows the store holds, that batch is read in full at once (which
 *   marks the missing ones deleted, and also catches a contact moved to an unmapped company).
 *   `full` reconciles everything.
 * - `inactiveFlag` is stored as `inactive` on both members and contacts (a deactivation
 *   changes `lastUpdated`, so incremental runs see it).
 */
import { and, ge, isIn, where } from "@cwbridge/connectwise";
import type { ConnectWise, Contact, Member } from "@cwbridge/connectwise";
import type { AppContext } from "../../core/context.js";
import { nextStamp } from "../../lib/monotonic-stamp.js";
import { runPool } from "../../lib/run-pool.js";
import { nowIso } from "../../store/index.js";
import { mappedCompanyIds } from "./mapped-companies.js";
import { CONTACT_FIELDS, contactValues, MEMBER_FIELDS, memberValues } from "./records.js";
import {
  countPresentContacts,
  countPresentMembers,
  dropUnmappedCompanies,
  markContactsGone,
  markMembersGone,
  readCursors,
  upsertContacts,
  upsertMembers,
  writeCursors,
  type CursorValue,
} from "./repository.js";

/** Rows per page (ConnectWise's maximum). */
export const PAGE_SIZE = 1000;
/** Companies per contacts query (`company/id in (…)`: keeps the URL well under 2,000 chars). */
export const COMPANY_BATCH = 100;
/** Contact batches read at once (the client's throttle still caps the connection). */
export const READ_CONCURRENCY = 4;
/** How far before the cursor an incremental read starts (ms). */
export const CURSOR_OVERLAP_MS = 60_000;

/** Options of {@link refreshInventory}. */
export interface RefreshOptions {
  /** Read everything and reconcile deletions (default: incremental after the first run). */
  readonly full?: boolean;
}

/** Counts of one part (members or contacts) of a refresh. */
export interface RefreshPartReport {
  /** `full` when everything was read, `incremental` when only changes (and recounts). */
  readonly mode: "full" | "incremental";
  /** Rows ConnectWise returned (and the store upserted). */
  readonly read: number;
  /** Stored rows newly marked deleted. */
  readonly deleted: number;
  /** Batches re-read in full because ConnectWise's count differed from the store's. */
  readonly reconciled: number;
}

/** What one refresh did. */
export interface RefreshReport {
  readonly connectionId: string;
  readonly at: string;
  readonly members: RefreshPartReport;
  readonly contacts: RefreshPartReport & {
    /** Mapped companies whose contacts are held. */
    readonly companies: number;
    /** Contacts dropped because their company is no longer mapped. */
    readonly unmapped: number;
  };
}

interface Tally {
  read: number;
  deleted: number;
  reconciled: number;
  maxUpdated: string | null;
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

function since(cursor: string): Date {
  return new Date(Date.parse(cursor) - CURSOR_OVERLAP_MS);
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function readMembers(
  ctx: AppContext,
  cw: ConnectWise,
  connectionId: string,
  stamp: string,
  conditions: string | undefined,
  tally: Tally,
): Promise<void> {
  const pages = cw.system.members.iterate({
    ...(conditions === undefined ? {} : { conditions }),
    fields: [...MEMBER_FIELDS],
    pageSize: PAGE_SIZE,
    mode: "forward-only",
  });
  for await (const page of pages as AsyncIterable<Member[]>) {
    const rows = page.map((m) => memberValues(connectionId, m, stamp));
    await upsertMembers(ctx.scope.db, rows);
    tally.read += rows.length;
    for (const row of rows) tally.maxUpdated = later(tally.maxUpdated, row.cw_last_updated ?? null);
  }
}

async function refreshMembers(
  ctx: AppContext,
  cw: ConnectWise,
  connectionId: string,
  stamp: string,
  full: boolean,
): Promise<RefreshPartReport> {
  const [cursor] = await readCursors(ctx.scope.db, connectionId, "members");
  const tally: Tally = { read: 0, deleted: 0, reconciled: 0, maxUpdated: null };
  const incremental = !full && cursor?.lastUpdated != null;
  const readAll = async () => {
    await readMembers(ctx, cw, connectionId, stamp, undefined, tally);
    tally.deleted += await markMembersGone(ctx.scope.db, connectionId, stamp, nowIso());
  };
  if (incremental && cursor.lastUpdated !== null) {
    const conditions = where(ge("_info/lastUpdated", since(cursor.lastUpdated)));
    await readMembers(ctx, cw, connectionId, stamp, conditions, tally);
    const [remote, stored] = await Promise.all([
      cw.system.members.count(),
      countPresentMembers(ctx.scope.db, connectionId),
    ]);
    if (remote !== stored) {
      tally.reconciled += 1;
      await readAll();
    }
  } else {
    await readAll();
  }
  await writeCursors(ctx.scope.db, connectionId, "members", [
    {
      companyId: 0,
      lastUpdated: later(cursor?.lastUpdated ?? null, tally.maxUpdated),
      syncedAt: stamp,
    },
  ]);
  return {
    mode: incremental ? "incremental" : "full",
    read: tally.read,
    deleted: tally.deleted,
    reconciled: tally.reconciled,
  };
}

async function readContacts(
  ctx: AppContext,
  cw: ConnectWise,
  connectionId: string,
  stamp: string,
  companyIds: readonly number[],
  changedSince: Date | undefined,
  tally: Tally,
): Promise<void> {
  const inBatch = isIn("company/id", companyIds);
  const conditions = where(
    changedSince === undefined ? inBatch : and(inBatch, ge("_info/lastUpdated", changedSince)),
  );
  const pages = cw.contacts.iterate({
    conditions,
    fields: [...CONTACT_FIELDS],
    pageSize: PAGE_SIZE,
    mode: "forward-only",
  });
  for await (const page of pages as AsyncIterable<Contact[]>) {
    const rows = page.flatMap((c) => contactValues(connectionId, c, stamp) ?? []);
    await upsertContacts(ctx.scope.db, rows);
    tally.read += rows.length;
    for (const row of rows) tally.maxUpdated = later(tally.maxUpdated, row.cw_last_updated ?? null);
  }
}

async function readContactsInFull(
  ctx: AppContext,
  cw: ConnectWise,
  connectionId: string,
  stamp: string,
  companyIds: readonly number[],
  tally: Tally,
): Promise<void> {
  await readContacts(ctx, cw, connectionId, stamp, companyIds, undefined, tally);
  tally.deleted += await markContactsGone(ctx.scope.db, connectionId, companyIds, stamp, nowIso());
  const cursors: CursorValue[] = companyIds.map((companyId) => ({
    companyId,
    lastUpdated: null,
    syncedAt: stamp,
  }));
  await writeCursors(ctx.scope.db, connectionId, "company", cursors);
}

async function refreshContacts(
  ctx: AppContext,
  cw: ConnectWise,
  connectionId: string,
  stamp: string,
  full: boolean,
): Promise<RefreshReport["contacts"]> {
  const mapped = await mappedCompanyIds(ctx, connectionId);
  const unmapped = await dropUnmappedCompanies(ctx.scope.db, connectionId, mapped);
  const [cursor] = await readCursors(ctx.scope.db, connectionId, "contacts");
  const readBefore = new Set(
    (await readCursors(ctx.scope.db, connectionId, "company")).map((c) => c.companyId),
  );
  const changedSince = full || cursor?.lastUpdated == null ? undefined : since(cursor.lastUpdated);
  const fresh = changedSince === undefined ? mapped : mapped.filter((id) => !readBefore.has(id));
  const known = changedSince === undefined ? [] : mapped.filter((id) => readBefore.has(id));
  const tally: Tally = { read: 0, deleted: 0, reconciled: 0, maxUpdated: null };
  type Task = { readonly ids: number[]; readonly incremental: boolean };
  const tasks: Task[] = [
    ...batches(fresh, COMPANY_BATCH).map((ids) => ({ ids, incremental: false })),
    ...batches(known, COMPANY_BATCH).map((ids) => ({ ids, incremental: true })),
  ];
  let failure: unknown;
  await runPool(
    tasks,
    READ_CONCURRENCY,
    async (task) => {
      try {
        if (!task.incremental) {
          await readContactsInFull(ctx, cw, connectionId, stamp, task.ids, tally);
          return;
        }
        await readContacts(ctx, cw, connectionId, stamp, task.ids, changedSince, tally);
        const [remote, stored] = await Promise.all([
          cw.contacts.count({ conditions: where(isIn("company/id", task.ids)) }),
          countPresentContacts(ctx.scope.db, connectionId, task.ids),
        ]);
        if (remote !== stored) {
          tally.reconciled += 1;
          await readContactsInFull(ctx, cw, connectionId, stamp, task.ids, tally);
        }
      } catch (error) {
        failure ??= error;
      }
    },
    () => failure !== undefined,
  );
  // The cursor moves only when every batch was read: a failed run is repeated from the old one.
  if (failure !== undefined) throw failure;
  await writeCursors(ctx.scope.db, connectionId, "contacts", [
    {
      companyId: 0,
      lastUpdated: later(cursor?.lastUpdated ?? null, tally.maxUpdated),
      syncedAt: stamp,
    },
  ]);
  return {
    mode: changedSince === undefined ? "full" : "incremental",
    read: tally.read,
    deleted: tally.deleted,
    reconciled: tally.reconciled,
    companies: mapped.length,
    unmapped,
  };
}

/**
 * Reads a connection's members and its mapped companies' contacts into the store
 * (incrementally after the first run; `full` re-reads everything and reconciles deletions).
 *
 * @example
 * const report = await refreshInventory(ctx, connectionId);
 * report.contacts.mode; // "incremental"
 */
export async function refreshInventory(
  ctx: AppContext,
  connectionId: string,
  options: RefreshOptions = {},
): Promise<RefreshReport> {
  const cw = await ctx.clients.forConnection(connectionId);
  const previous = [
    ...(await readCursors(ctx.scope.db, connectionId, "members")),
    ...(await readCursors(ctx.scope.db, connectionId, "contacts")),
  ].reduce<string | null>((max, c) => (max === null || c.syncedAt > max ? c.syncedAt : max), null);
  const stamp = nextStamp(previous, nowIso());
  const full = options.full === true;
  const members = await refreshMembers(ctx, cw, connectionId, stamp, full);
  const contacts = await refreshContacts(ctx, cw, connectionId, stamp, full);
  return { connectionId, at: stamp, members, contacts };
}
