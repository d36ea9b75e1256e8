/**
 * Companies: unique identifier (`ObjectExists`), default status, `deletedFlag: false`,
 * `types` honoured only on create (later writes keep the existing types), and the first site:
 * a POST with `site: {name: "Main"}` creates that site for the new company from the
 * company's address fields (as ConnectWise does); `site` / `billingSite` by id or name must
 * be one of the company's own sites (see site-scope).
 */
import { issue, type ValidationIssue } from "../errors.js";
import type { ResourceHooks, WriteContext } from "../resource-def.js";
import { referenceTo } from "../references.js";
import type { Entity } from "../types.js";
import { bodyValue, defaultReference } from "./hook-utils.js";

const ADDRESS_FIELDS = ["addressLine1", "addressLine2", "city", "zip", "country"] as const;

/** The first site's name when a POST names it (`site: {name}` without an id). */
function firstSiteName(body: Readonly<Record<string, unknown>>): string | undefined {
  const site = bodyValue(body, "site");
  if (site === null || typeof site !== "object" || Array.isArray(site)) return undefined;
  const { id, name } = site as { id?: unknown; name?: unknown };
  if (id !== undefined && id !== null) return undefined;
  return typeof name === "string" && name.trim() !== "" ? name.trim() : undefined;
}

/** The draft's `site` (and a `billingSite` of the same name) point at the site to create. */
function planFirstSite(
  ctx: WriteContext,
  draft: Record<string, unknown>,
  issues: ValidationIssue[],
  body: Readonly<Record<string, unknown>>,
): void {
  const name = firstSiteName(body);
  if (name === undefined) return;
  if (name.length > 50) {
    issues.push(
      issue(
        "MaxLengthField",
        "company",
        "site/name",
        "The field site/name must be a string with a maximum length of 50.",
      ),
    );
    return;
  }
  const planned = { id: ctx.store.table("sites").nextId, name };
  draft["site"] = planned;
  const billing = bodyValue(body, "billingSite") as { id?: unknown; name?: unknown } | undefined;
  const sameBilling =
    billing !== null &&
    typeof billing === "object" &&
    (billing.id === undefined || billing.id === null) &&
    typeof billing.name === "string" &&
    billing.name.trim().toLowerCase() === name.toLowerCase();
  if (sameBilling) draft["billingSite"] = planned;
  for (let i = issues.length - 1; i >= 0; i -= 1) {
    const field = issues[i]?.field ?? "";
    if (field === "site/name" || (sameBilling && field === "billingSite/name")) issues.splice(i, 1);
  }
}

function createFirstSite(ctx: WriteContext, company: Entity, name: string): void {
  const address: Record<string, unknown> = {};
  for (const field of ADDRESS_FIELDS) {
    if (company[field] !== undefined) address[field] = company[field];
  }
  const site = ctx.createRow("sites", {
    name,
    ...address,
    primaryAddressFlag: true,
    defaultShippingFlag: true,
    defaultBillingFlag: true,
    defaultMailingFlag: true,
    inactiveFlag: false,
    company: referenceTo("companies", company),
  });
  const planned = (company["site"] as { id?: unknown } | undefined)?.id;
  if (planned === site.id) return;
  // Another site was inserted in between (never within one request): point at the real one.
  const ref = referenceTo("sites", site);
  company["site"] = ref;
  if ((company["billingSite"] as { id?: unknown } | undefined)?.id === planned)
    company["billingSite"] = ref;
}

export const companyHooks: ResourceHooks = {
  prepare(ctx, draft, previous, issues, body) {
    const identifier = draft["identifier"];
    if (typeof identifier === "string") {
      const lower = identifier.toLowerCase();
      const clash = ctx.store
        .table("companies")
        .rows.find(
          (row) => row.id !== previous?.id && String(row["identifier"]).toLowerCase() === lower,
        );
      if (clash) {
        issues.push(
          issue(
            "ObjectExists",
            "company",
            "identifier",
            `The company identifier '${identifier}' is already in use.`,
          ),
        );
      }
    }
    if (previous === undefined) planFirstSite(ctx, draft, issues, body);
    defaultReference(ctx.store, draft, "status", { table: "companyStatuses" });
    draft["deletedFlag"] ??= false;
    if (previous !== undefined) {
      if (previous["types"] === undefined) delete draft["types"];
      else draft["types"] = previous["types"];
    }
  },
  afterCreate(ctx, entity, body) {
    const name = firstSiteName(body);
    if (name !== undefined) createFirstSite(ctx, entity, name);
  },
};
