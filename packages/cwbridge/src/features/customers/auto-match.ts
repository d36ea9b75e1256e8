/**
 * The `customers-match` job: customer matching by itself, as idemeum does on save. It reads
 * the connection's companies and runs the same auto-match as `customers match`
 * ({@link matchCustomers}: manual links win, low scores go to the review list) for every source
 * of the saved connection, or for the source whose customers were pushed. A connection or
 * source removed meanwhile is nothing to do.
 */
import { z } from "zod";
import type { AppContext, JobHandlers } from "../../core/context.js";
import { CUSTOMER_MATCH_JOB } from "../../core/customer-match-job.js";
import { findConnectionRow } from "../connections/index.js";
import { findSourceRow, listSources } from "../sources/index.js";
import { matchCustomers } from "./match-customers.js";
import { refreshCompanies } from "./refresh-companies.js";

const payloadSchema = z.union([
  z.object({ connectionId: z.string().min(1) }).strict(),
  z.object({ sourceId: z.string().min(1) }).strict(),
]);

async function sourcesToMatch(
  ctx: AppContext,
  target: z.output<typeof payloadSchema>,
): Promise<{ connectionId: string; sourceIds: string[] } | undefined> {
  if ("sourceId" in target) {
    const row = await findSourceRow(ctx.scope.db, target.sourceId);
    if (row?.connection_id === null || row?.connection_id === undefined) return undefined;
    return { connectionId: row.connection_id, sourceIds: [row.id] };
  }
  if ((await findConnectionRow(ctx.scope.db, target.connectionId)) === undefined) return undefined;
  const sources = (await listSources(ctx)).filter((s) => s.connectionId === target.connectionId);
  return { connectionId: target.connectionId, sourceIds: sources.map((s) => s.id) };
}

/** Job handlers of the customers feature. */
export const customersJobHandlers: JobHandlers = {
  [CUSTOMER_MATCH_JOB]: async (ctx, job) => {
    const found = await sourcesToMatch(ctx, payloadSchema.parse(job.payload));
    if (found === undefined || found.sourceIds.length === 0) return;
    await refreshCompanies(ctx, found.connectionId);
    for (const sourceId of found.sourceIds) await matchCustomers(ctx, sourceId);
  },
};
