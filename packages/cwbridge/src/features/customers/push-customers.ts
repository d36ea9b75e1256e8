/**
 * `pushCustomers`: a source's customers (groups, tenants, organisations) into the store.
 */
import type { AppContext } from "../../core/context.js";
import { nowIso } from "../../store/index.js";
import { getSource } from "../sources/index.js";
import { customersInputSchema, type CustomerInput } from "./customer-schema.js";
import { describeIssues } from "../../lib/describe-issues.js";
import { CustomerError } from "./errors.js";

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
 * Validates (all or nothing) and upserts customers; returns how many were stored.
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
  await ctx.store.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await tx
        .insertInto("customers")
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc.columns(["source_id", "external_id"]).doUpdateSet((eb) => ({
            name: eb.ref("excluded.name"),
            display_name: eb.ref("excluded.display_name"),
            identifier: eb.ref("excluded.identifier"),
            domain: eb.ref("excluded.domain"),
            updated_at: eb.ref("excluded.updated_at"),
          })),
        )
        .execute();
    }
  });
  return { upserted: rows.length };
}
