/**
 * Manual mapping overrides: a human maps a customer to a company (and optionally a site);
 * verified against ConnectWise first (the company exists and is not deleted, the site belongs
 * to it). Overrides survive re-matching.
 */
import { and, eq, where, type ConnectWise } from "@cwbridge/connectwise";
import { ConnectWiseNotFoundError } from "@cwbridge/connectwise";
import { z } from "zod";
import { safeString } from "../../domain/safe-text.js";
import type { AppContext } from "../../core/context.js";
import { nowIso } from "../../store/index.js";
import { sourceConnectionId } from "../sources/index.js";
import { describeIssues } from "../../lib/describe-issues.js";
import { CustomerError } from "./errors.js";
import { listMappings, type Mapping } from "./mapping-row.js";
import { customerExists, mappingTarget, upsertMapping } from "./repository.js";

/**
 * Target of {@link mapCustomer}: a company by id, identifier, exact name, or `company` (an
 * identifier or, when no company has that identifier, an exact name); optionally a site by id
 * or name.
 */
export const mapTargetSchema = z
  .object({
    companyId: z.number().int().positive().optional(),
    companyIdentifier: safeString().trim().min(1).max(30).optional(),
    companyName: safeString().trim().min(1).max(50).optional(),
    company: safeString().trim().min(1).max(50).optional(),
    siteId: z.number().int().positive().optional(),
    siteName: safeString().trim().min(1).max(50).optional(),
  })
  .strict()
  .refine(
    (t) =>
      [t.companyId, t.companyIdentifier, t.companyName, t.company].filter((v) => v !== undefined)
        .length === 1,
    { message: "give exactly one of companyId, companyIdentifier, companyName and company" },
  )
  .refine((t) => t.siteId === undefined || t.siteName === undefined, {
    message: "give at most one of siteId and siteName",
  });

/** Target of {@link mapCustomer}. */
export type MapTarget = z.input<typeof mapTargetSchema>;

const COMPANY_FIELDS = ["id", "identifier", "name", "deletedFlag"];

type ParsedTarget = z.output<typeof mapTargetSchema>;
type CompanyRow = Awaited<ReturnType<ConnectWise["companies"]["list"]>>[number];

/** Non-deleted companies whose `field` is exactly `value` (ConnectWise escapes the quotes). */
function companiesWhere(cw: ConnectWise, field: "identifier" | "name", value: string) {
  return cw.companies.list({
    conditions: where(and(eq(field, value), eq("deletedFlag", false))),
    fields: COMPANY_FIELDS,
    pageSize: 10,
  });
}

async function resolveCompany(cw: ConnectWise, target: ParsedTarget): Promise<CompanyRow> {
  if (target.companyId !== undefined) {
    try {
      const company = await cw.companies.get(target.companyId, { fields: COMPANY_FIELDS });
      if (company.deletedFlag !== true) return company;
    } catch (error) {
      if (!(error instanceof ConnectWiseNotFoundError)) throw error;
    }
    throw notFound(`company ${target.companyId}`);
  }
  if (target.companyIdentifier !== undefined) {
    const [company] = await companiesWhere(cw, "identifier", target.companyIdentifier);
    if (company === undefined) throw notFound(`company "${target.companyIdentifier}"`);
    return company;
  }
  const value = target.companyName ?? target.company ?? "";
  if (target.company !== undefined && value.length <= 30) {
    const [company] = await companiesWhere(cw, "identifier", value);
    if (company !== undefined) return company;
  }
  const named = await companiesWhere(cw, "name", value);
  const [first, second] = named;
  if (first === undefined) {
    throw notFound(
      target.company === undefined
        ? `company named "${value}"`
        : `company "${value}" (no identifier or exact name)`,
    );
  }
  if (second !== undefined) throw ambiguous(value, named);
  return first;
}

function ambiguous(name: string, companies: readonly CompanyRow[]): CustomerError {
  const list = companies.map((c) => `${c.id} (identifier ${c.identifier ?? "-"})`).join(", ");
  const count = companies.length >= 10 ? "10 or more" : String(companies.length);
  return new CustomerError(
    "CWB_ERR_MAPPING_COMPANY_AMBIGUOUS",
    `${count} companies are named "${name}": ${list}; ` +
      "give the company's id or identifier instead",
  );
}

function notFound(what: string): CustomerError {
  return new CustomerError(
    "CWB_ERR_MAPPING_COMPANY_NOT_FOUND",
    `${what} does not exist in ConnectWise`,
  );
}

async function resolveSite(
  cw: ConnectWise,
  companyId: number,
  target: ParsedTarget,
): Promise<number | null> {
  if (target.siteId === undefined && target.siteName === undefined) return null;
  const conditions =
    target.siteId === undefined ? eq("name", target.siteName ?? "") : eq("id", target.siteId);
  const sites = await cw.companies
    .sites(companyId)
    .list({ conditions: where(conditions), fields: ["id", "name"], pageSize: 2 });
  const site = sites[0];
  if (site === undefined) {
    const what = target.siteId === undefined ? `"${target.siteName}"` : String(target.siteId);
    throw new CustomerError(
      "CWB_ERR_MAPPING_SITE_NOT_FOUND",
      `site ${what} does not belong to company ${companyId}`,
    );
  }
  return site.id;
}

async function requireCustomer(ctx: AppContext, sourceId: string, customerId: string) {
  if (!(await customerExists(ctx.scope.db, sourceId, customerId))) {
    throw new CustomerError("CWB_ERR_CUSTOMER_NOT_FOUND", `customer ${customerId} does not exist`);
  }
}

async function mappingOf(ctx: AppContext, sourceId: string, customerId: string) {
  const all = await listMappings(ctx, sourceId);
  const found = all.find((m) => m.customerId === customerId);
  if (found === undefined) throw new Error(`mapping of ${customerId} vanished`);
  return found;
}

/**
 * Maps a customer to a company (and site) by hand; the override wins over every re-match.
 *
 * @example
 * await mapCustomer(ctx, sourceId, "org-7", { company: "Globex, Inc.", siteName: "Main Office" });
 */
export async function mapCustomer(
  ctx: AppContext,
  sourceId: string,
  customerId: string,
  target: MapTarget,
): Promise<Mapping> {
  const parsed = mapTargetSchema.safeParse(target);
  if (!parsed.success) {
    throw new CustomerError("CWB_ERR_MAPPING_INVALID", describeIssues(parsed.error.issues));
  }
  const connectionId = await sourceConnectionId(ctx, sourceId);
  await requireCustomer(ctx, sourceId, customerId);
  const cw = await ctx.clients.forConnection(connectionId);
  const company = await resolveCompany(cw, parsed.data);
  const siteId = await resolveSite(cw, company.id, parsed.data);
  const values = {
    source_id: sourceId,
    customer_external_id: customerId,
    connection_id: connectionId,
    cw_company_id: company.id,
    cw_site_id: siteId,
    method: "manual" as const,
    match_method: "manual",
    score: 1,
    review: 0 as const,
    review_reason: null,
    candidates_json: "[]",
    manual: 1 as const,
    updated_at: nowIso(),
  };
  await ctx.scope.transaction(async (tx) => {
    const before = await mappingTarget(tx, sourceId, customerId);
    const changed = before?.cw_company_id !== company.id || before.cw_site_id !== siteId;
    const status = changed ? { sync_status: "Unsynced" as const, last_error: null } : {};
    await upsertMapping(tx, { ...values, ...status });
    if (changed) {
      await ctx.links.enqueueDeviceSync(ctx, tx, {
        sourceId,
        connectionId,
        companyIds: [company.id],
      });
    }
  });
  return mappingOf(ctx, sourceId, customerId);
}

/**
 * Removes a customer's mapping (manual or automatic); its devices wait (Unsynced) until it is
 * mapped again. Devices already in ConnectWise stay where they are.
 *
 * @example
 * await unmapCustomer(ctx, sourceId, "org-7");
 */
export async function unmapCustomer(
  ctx: AppContext,
  sourceId: string,
  customerId: string,
): Promise<Mapping> {
  await requireCustomer(ctx, sourceId, customerId);
  const connectionId = await sourceConnectionId(ctx, sourceId);
  const values = {
    source_id: sourceId,
    customer_external_id: customerId,
    connection_id: connectionId,
    cw_company_id: null,
    cw_site_id: null,
    method: "none" as const,
    match_method: "none",
    score: 0,
    review: 0 as const,
    review_reason: null,
    candidates_json: "[]",
    manual: 0 as const,
    sync_status: "Unsynced" as const,
    last_error: null,
    updated_at: nowIso(),
  };
  await upsertMapping(ctx.scope.db, values);
  return mappingOf(ctx, sourceId, customerId);
}
