/**
 * Sites belong to one company: a `site` reference (by id or by name) on a ticket, contact,
 * configuration or agreement is looked up among the sites of the body's company only, and a
 * company's own `site` / `billingSite` among that company's sites. A site name therefore never
 * links a record to another company's site.
 */
import type { ReferenceScopeContext } from "../resource-def.js";
import { resolveReference } from "../references.js";
import type { Entity } from "../types.js";
import { bodyValue, refId } from "./hook-utils.js";

const SITE_FIELDS = new Set(["site", "billingSite"]);

/** True when `field` is a site reference of a company-owned record. */
export function isSiteField(field: string): boolean {
  return SITE_FIELDS.has(field);
}

/** A row filter: sites of company `companyId` (nothing when there is no company). */
export function sitesOf(companyId: number | undefined): (row: Entity) => boolean {
  return (row) => companyId !== undefined && refId(row["company"]) === companyId;
}

/**
 * The scope of a `site` field of a record that has a `company` reference.
 *
 * @example
 * siteScopeByBodyCompany("site", { body: { company: { identifier: "Acme" } }, store, previous: undefined, member: undefined });
 */
export function siteScopeByBodyCompany(
  field: string,
  context: ReferenceScopeContext,
): ((row: Entity) => boolean) | undefined {
  if (field !== "site") return undefined;
  const company = bodyValue(context.body, "company");
  if (company === undefined || company === null) return undefined;
  const resolved = resolveReference(
    context.store,
    { table: "companies", resource: "record", field: "company" },
    company,
  );
  return sitesOf("ref" in resolved ? refId(resolved.ref) : undefined);
}

/**
 * The scope of a company's own `site` / `billingSite`: that company's sites (none yet on
 * create, so a POST can only name its first site; see company-hooks).
 */
export function companySiteScope(
  field: string,
  context: ReferenceScopeContext,
): ((row: Entity) => boolean) | undefined {
  if (!isSiteField(field)) return undefined;
  return sitesOf(context.previous?.id);
}
