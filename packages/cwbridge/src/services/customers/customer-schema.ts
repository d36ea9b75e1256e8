/**
 * The customer input schema (strict: unknown fields are refused).
 */
import { z } from "zod";

/** Most customers accepted in one push. */
export const MAX_CUSTOMERS_PER_PUSH = 10_000;

/** One customer as a source pushes it. */
export const customerInputSchema = z
  .object({
    id: z.string().trim().min(1).max(200),
    name: z.string().trim().min(1).max(200),
    displayName: z.string().trim().max(200).optional(),
    identifier: z.string().trim().max(100).optional(),
    domain: z.string().trim().max(253).optional(),
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
