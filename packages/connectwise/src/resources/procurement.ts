/** `procurement`: the product catalog (`/procurement/catalog`). */
import { entityPath } from "../entities.js";
import type { CatalogItem } from "../schemas/procurement.js";
import { readOperations, type ReadOperations, type ResourceContext } from "./collection.js";

/** The `procurement` facade. */
export interface ProcurementResource {
  readonly catalog: ReadOperations<CatalogItem>;
}

/**
 * The `procurement` facade.
 *
 * @example
 * const [item] = await procurement.catalog.list({ conditions: 'identifier = "BACKUP-GB"' });
 */
export function createProcurementResource(ctx: ResourceContext): ProcurementResource {
  return { catalog: readOperations<CatalogItem>(ctx, entityPath("CatalogItem"), "CatalogItem") };
}
