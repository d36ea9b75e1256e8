/**
 * The customers feature's use cases: each a zod input schema (what the CLI maps its flags to
 * and the HTTP route will validate) over the feature's functions.
 */
import { z } from "zod";
import type { AppIssue } from "../../core/app-error.js";
import { defineUseCase } from "../../core/use-case.js";
import { safeString } from "../../domain/safe-text.js";
import type { MappingSyncStatus } from "../../store/schema.js";
import { listCompanies } from "./company-row.js";
import { customersInputSchema } from "./customer-schema.js";
import { CustomerError, type CustomerErrorCode } from "./errors.js";
import { mapCustomer, mapTargetSchema, unmapCustomer } from "./map-customer.js";
import { listMappings } from "./mapping-row.js";
import { matchCustomers } from "./match-customers.js";
import { pushCustomers } from "./push-customers.js";
import { refreshCompanies } from "./refresh-companies.js";

const id = safeString().min(1).max(200);
const names = z.array(safeString().max(200)).max(100);
const SYNC_STATUSES = [
  "Unsynced",
  "Syncing",
  "Synced",
  "Error",
] as const satisfies readonly MappingSyncStatus[];

/** The object without its `undefined` members (zod's optional output → exact optional options). */
function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

/**
 * The issues as one line, paths relative to `under` (the field the old API took as a whole),
 * the way `describeIssues` words them.
 */
function describe(issues: readonly AppIssue[], under: string): string {
  const lines = issues.slice(0, 20).map((issue) => {
    const path = issue.path.startsWith(under)
      ? issue.path.slice(under.length).replace(/^\./, "")
      : issue.path;
    return `${path === "" ? "input" : path}: ${issue.message}`;
  });
  const more = issues.length > 20 ? `; … ${issues.length - 20} more` : "";
  return lines.join("; ") + more;
}

function invalid(code: CustomerErrorCode, under: string, prefix = "") {
  return (issues: readonly AppIssue[]) =>
    new CustomerError(code, `${prefix}${describe(issues, under)}`, { issues });
}

/** Stores a source's customers (all or nothing). */
export const pushCustomersCase = defineUseCase({
  name: "push",
  summary: "Store a source's customers (validated all or nothing)",
  input: z.object({ sourceId: id, customers: customersInputSchema }).strict(),
  invalid: invalid("CWB_ERR_CUSTOMER_INVALID", "customers", "invalid customers: "),
  run: (ctx, input) => pushCustomers(ctx, input.sourceId, input.customers),
});

/** Reads a connection's ConnectWise companies into the matching pool. */
export const refreshCompaniesCase = defineUseCase({
  name: "refreshCompanies",
  summary: "Read a connection's ConnectWise companies into the matching pool",
  input: z
    .object({ connectionId: id, types: names.optional(), statuses: names.optional() })
    .strict(),
  invalid: invalid("CWB_ERR_MAPPING_INVALID", ""),
  run: (ctx, { connectionId, ...options }) => refreshCompanies(ctx, connectionId, defined(options)),
});

/** Matches every customer of a source to the cached companies. */
export const matchCustomersCase = defineUseCase({
  name: "match",
  summary: "Match a source's customers to ConnectWise companies",
  input: z
    .object({
      sourceId: id,
      types: names.optional(),
      statuses: names.optional(),
      autoThreshold: z.number().optional(),
      reviewThreshold: z.number().optional(),
    })
    .strict(),
  invalid: invalid("CWB_ERR_MAPPING_INVALID", ""),
  run: (ctx, { sourceId, ...options }) => matchCustomers(ctx, sourceId, defined(options)),
});

/** Lists a source's mappings. */
export const listMappingsCase = defineUseCase({
  name: "list",
  summary: "List a source's customers with their company mapping",
  input: z
    .object({
      sourceId: id,
      status: z.enum(SYNC_STATUSES).optional(),
      review: z.boolean().optional(),
    })
    .strict(),
  invalid: invalid("CWB_ERR_MAPPING_INVALID", ""),
  run: (ctx, { sourceId, ...options }) => listMappings(ctx, sourceId, defined(options)),
});

/** Maps a customer to a company (and site) by hand. */
export const mapCustomerCase = defineUseCase({
  name: "map",
  summary: "Map a customer to a ConnectWise company (and site) by hand",
  input: z.object({ sourceId: id, customerId: id, target: mapTargetSchema }).strict(),
  invalid: invalid("CWB_ERR_MAPPING_INVALID", "target"),
  run: (ctx, input) => mapCustomer(ctx, input.sourceId, input.customerId, defined(input.target)),
});

/** Removes a customer's mapping. */
export const unmapCustomerCase = defineUseCase({
  name: "unmap",
  summary: "Remove a customer's mapping",
  input: z.object({ sourceId: id, customerId: id }).strict(),
  invalid: invalid("CWB_ERR_MAPPING_INVALID", ""),
  run: (ctx, input) => unmapCustomer(ctx, input.sourceId, input.customerId),
});

/** Lists a connection's cached companies. */
export const listCompaniesCase = defineUseCase({
  name: "listCompanies",
  summary: "List a connection's cached ConnectWise companies",
  input: z
    .object({
      connectionId: id,
      type: safeString().max(200).optional(),
      status: safeString().max(200).optional(),
      search: safeString().max(200).optional(),
      includeDeleted: z.boolean().optional(),
      limit: z.number().int().positive().max(10_000).optional(),
    })
    .strict(),
  invalid: invalid("CWB_ERR_MAPPING_INVALID", ""),
  run: (ctx, { connectionId, ...options }) => listCompanies(ctx, connectionId, defined(options)),
});
