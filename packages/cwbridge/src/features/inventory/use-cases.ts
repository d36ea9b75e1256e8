/**
 * The inventory feature's use cases: each a zod input schema (what the CLI maps its flags to
 * and the HTTP route will validate) over the feature's functions.
 *
 * - `refresh`: queues a `refresh-inventory` job per connection (one, or every connection of
 *   the tenant); the worker reads ConnectWise, incrementally unless `full`.
 * - `status`: the last refresh report of each connection.
 * - `members` / `contacts`: one keyset page of the stored rows (`after` = the previous page's
 *   `next`); the CLI's exports stream with `streamMembers` / `streamContacts` instead.
 */
import { z } from "zod";
import type { AppIssue } from "../../core/app-error.js";
import type { AppContext } from "../../core/context.js";
import { defineUseCase } from "../../core/use-case.js";
import { safeString } from "../../domain/safe-text.js";
import { findConnectionRow, listConnectionRows } from "../connections/index.js";
import { InventoryError } from "./errors.js";
import { refreshInventoryJob } from "./job-specs.js";
import { lastRefresh, type StoredRefresh } from "./jobs.js";
import { pageContacts, pageMembers, type ContactFilter } from "./stream.js";

const id = safeString().min(1).max(200);
const after = z.object({ connectionId: id, id: z.number().int().nonnegative() }).strict();
const limit = z.number().int().min(1).max(1000).default(100);

function describe(issues: readonly AppIssue[]): string {
  return issues
    .slice(0, 20)
    .map((i) => `${i.path === "" ? "input" : i.path}: ${i.message}`)
    .join("; ");
}

function invalid(issues: readonly AppIssue[]): InventoryError {
  return new InventoryError("CWB_ERR_INVENTORY_INVALID", `invalid input: ${describe(issues)}`, {
    issues,
  });
}

async function connectionIds(ctx: AppContext, connectionId: string | undefined) {
  if (connectionId === undefined) return (await listConnectionRows(ctx.scope.db)).map((r) => r.id);
  if ((await findConnectionRow(ctx.scope.db, connectionId)) === undefined) {
    throw new InventoryError("CWB_ERR_INVENTORY_NOT_FOUND", `no connection '${connectionId}'`);
  }
  return [connectionId];
}

/** Queues the inventory refresh of one connection or of all. */
export const refreshInventoryCase = defineUseCase({
  name: "refresh",
  summary: "Queue the inventory refresh (members, mapped companies' contacts) of connections",
  input: z.object({ connectionId: id.optional(), full: z.boolean().default(false) }).strict(),
  invalid,
  run: async (ctx, input) => {
    const ids = await connectionIds(ctx, input.connectionId);
    const jobs: { connectionId: string; jobId: string }[] = [];
    for (const connectionId of ids) {
      const jobId = await ctx.queue.enqueue(
        refreshInventoryJob({ connectionId, full: input.full }),
      );
      jobs.push({ connectionId, jobId });
    }
    return { jobs };
  },
});

/** The last refresh report of each connection (or of one). */
export const inventoryStatusCase = defineUseCase({
  name: "status",
  summary: "The last inventory refresh of each connection",
  input: z.object({ connectionId: id.optional() }).strict(),
  invalid,
  run: async (ctx, input) => {
    const reports: StoredRefresh[] = [];
    for (const connectionId of await connectionIds(ctx, input.connectionId)) {
      const report = await lastRefresh(ctx, connectionId);
      if (report !== undefined) reports.push(report);
    }
    return { reports };
  },
});

/** One page of stored members. */
export const listMembersCase = defineUseCase({
  name: "members",
  summary: "List the stored ConnectWise members (paged)",
  input: z
    .object({
      connectionId: id.optional(),
      includeDeleted: z.boolean().default(false),
      after: after.optional(),
      limit,
    })
    .strict(),
  invalid,
  run: (ctx, input) =>
    pageMembers(
      ctx,
      {
        ...(input.connectionId === undefined ? {} : { connectionId: input.connectionId }),
        includeDeleted: input.includeDeleted,
      },
      input.after === undefined
        ? undefined
        : { connectionId: input.after.connectionId, cwId: input.after.id },
      input.limit,
    ),
});

/**
 * The contact filter of a `company` reference: a ConnectWise company id (digits), else its
 * identifier or name.
 *
 * @example
 * contactFilter({ company: "250" }) // { companyId: 250 }
 */
export function contactFilter(input: {
  readonly connectionId?: string | undefined;
  readonly company?: string | undefined;
  readonly includeDeleted?: boolean | undefined;
}): ContactFilter {
  const company = input.company;
  return {
    ...(input.connectionId === undefined ? {} : { connectionId: input.connectionId }),
    ...(company === undefined
      ? {}
      : /^\d{1,15}$/.test(company)
        ? { companyId: Number(company) }
        : { company }),
    includeDeleted: input.includeDeleted === true,
  };
}

/** One page of stored contacts. */
export const listContactsCase = defineUseCase({
  name: "contacts",
  summary: "List the stored contacts of mapped companies (paged)",
  input: z
    .object({
      connectionId: id.optional(),
      company: safeString().trim().min(1).max(100).optional(),
      includeDeleted: z.boolean().default(false),
      after: after.optional(),
      limit,
    })
    .strict(),
  invalid,
  run: (ctx, input) =>
    pageContacts(
      ctx,
      contactFilter(input),
      input.after === undefined
        ? undefined
        : { connectionId: input.after.connectionId, cwId: input.after.id },
      input.limit,
    ),
});
