/**
 * `pushCustomers`: a source's customers (groups, tenants, organisations) into the store.
 */
import { customerMatchJob } from "../../core/customer-match-job.js";
import type { AppContext } from "../../core/context.js";
import { nowIso } from "../../store/index.js";
import { getSource } from "../sources/index.js";
import { customersInputSchema, type CustomerInput } from "./customer-schema.js";
import { describeIssues } from "../../lib/describe-issues.js";
import { CustomerError } from "./errors.js";
import { upsertCustomers } from "./repository.js";

const CHUNK = 500;

function toRow(sourceId: string, customer: CustomerInput, now: string) {
  const blank = (value: string | undefined) => (value === undefined || value === "" ? null : value);
  return {
    source_id: sourceId,
    external_id: customer.id,
    name: customer.name,
    display_name: blank(customer.displayName),
    identifier: blank(customer.identifier),
    domain: blank(customer.domain),
    updated_at: now,
  };
}

/**
 * Validates (all or nothing) and upserts customers; returns how many were stored. Enqueues
 * the automatic match of the source's customers (`customers-match`) in the same transaction.
 *
 * @example
 * await pushCustomers(ctx, sourceId, [{ id: "org-1", name: "Acme Corp", identifier: "AcmeCorp" }]); // { upserted: 1 }
 */
export async function pushCustomers(
  ctx: AppContext,
  sourceId: string,
  customers: unknown,
): Promise<{ upserted: number }> {
  const parsed = customersInputSchema.safeParse(customers);
  if (!parsed.success) {
    throw new CustomerError(
      "CWB_ERR_CUSTOMER_INVALID",
      `invalid customers: ${describeIssues(parsed.error.issues)}`,
    );
  }
  await getSource(ctx, sourceId);
  const now = nowIso();
  const rows = parsed.data.map((customer) => toRow(sourceId, customer, now));
  await ctx.scope.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += CHUNK)
      await upsertCustomers(tx, rows.slice(i, i + CHUNK));
    // New customers are matched by themselves (the worker runs `customers-match`).
    if (rows.length > 0) await ctx.queue.enqueue(customerMatchJob({ sourceId }), tx.storeTx);
  });
  return { upserted: rows.length };
}
