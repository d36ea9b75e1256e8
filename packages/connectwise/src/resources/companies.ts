/** `companies`: companies, their types and statuses, and each company's sites. */
import { entityPath } from "../entities.js";
import type {
  Company,
  CompanyCreate,
  CompanySite,
  CompanySiteCreate,
  CompanyStatus,
  CompanyType,
} from "../schemas/companies.js";
import {
  collection,
  pick,
  readOperations,
  type Collection,
  type ReadOperations,
  type ResourceContext,
} from "./collection.js";

/** The sites of one company. */
export type CompanySitesResource = ReadOperations<CompanySite> &
  Pick<Collection<CompanySite, CompanySiteCreate>, "create" | "update" | "patch" | "delete">;

/** The `companies` facade. */
export interface CompaniesResource extends Collection<Company, CompanyCreate> {
  readonly types: Pick<ReadOperations<CompanyType>, "list" | "all" | "get" | "count">;
  readonly statuses: Pick<ReadOperations<CompanyStatus>, "list" | "all" | "get" | "count">;
  /** `/company/companies/{companyId}/sites`. */
  sites(companyId: number): CompanySitesResource;
}

const READ_KEYS = ["list", "all", "get", "count"] as const;

/**
 * The `companies` facade.
 *
 * @example
 * const acme = await companies.create({ identifier: "AcmeCorp", name: "Acme", city: "Springfield" });
 * const sites = await companies.sites(acme.id).list();
 */
export function createCompaniesResource(ctx: ResourceContext): CompaniesResource {
  return {
    ...collection<Company, CompanyCreate>(ctx, entityPath("Company"), "Company"),
    types: pick(
      readOperations<CompanyType>(ctx, entityPath("CompanyType"), "CompanyType"),
      READ_KEYS,
    ),
    statuses: pick(
      readOperations<CompanyStatus>(ctx, entityPath("CompanyStatus"), "CompanyStatus"),
      READ_KEYS,
    ),
    sites: (companyId) =>
      collection<CompanySite, CompanySiteCreate>(
        ctx,
        entityPath("CompanySite", companyId),
        "CompanySite",
      ),
  };
}
