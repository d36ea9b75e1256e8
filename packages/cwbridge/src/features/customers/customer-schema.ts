/**
 * The customer input schema (strict: unknown fields are refused).
 */
import { z } from "zod";
import { safeString } from "../../domain/safe-text.js";

/** Most customers accepted in one push. */
export const MAX_CUSTOMERS_PER_PUSH = 10_000;

/** One customer as a source pushes it. */
export const customerInputSchema = z
  .object({
    id: safeString().trim().min(1).max(200),
    name: safeString().trim().min(1).max(200),
    displayName: safeString().trim().max(200).optional(),
    identifier: safeString().trim().max(100).optional(),
    domain: safeString().trim().max(253).optional(),
  })
  .strict();

/** One customer as a source pushes it. */
export type CustomerInput = z.infer<typeof customerInputSchema>;

/** A push of customers (ids unique within the push). */
export const customersInputSchema = z
  .array(customerInputSchema)
  .max(MAX_CUSTOMERS_PER_PUSH)
  .superRefine((customers, ctx) => {
    const seen = new Set<string>();
    customers.forEach((customer, index) => {
      if (seen.has(customer.id)) {
        ctx.addIssue({ code: "custom", path: [index, "id"], message: "duplicate id in this push" });
      }
      seen.add(customer.id);
    });
  });
