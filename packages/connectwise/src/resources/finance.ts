/** `finance`: agreements and their additions (usage sync = PATCH an addition's `quantity`). */
import { entityPath } from "../entities.js";
import type { Addition, AdditionCreate, Agreement } from "../schemas/finance.js";
import {
  collection,
  pick,
  readOperations,
  type Collection,
  type ReadOperations,
  type ResourceContext,
} from "./collection.js";

/** The additions of one agreement. */
export type AgreementAdditionsResource = ReadOperations<Addition> &
  Pick<Collection<Addition, AdditionCreate>, "create" | "patch">;

/** Agreements. */
export interface AgreementsResource extends ReadOperations<Agreement> {
  /** `/finance/agreements/{agreementId}/additions`. */
  additions(agreementId: number): AgreementAdditionsResource;
}

/** The `finance` facade. */
export interface FinanceResource {
  readonly agreements: AgreementsResource;
}

/**
 * The `finance` facade.
 *
 * @example
 * await finance.agreements.additions(12).patch(34, [{ op: "replace", path: "quantity", value: 42 }]);
 */
export function createFinanceResource(ctx: ResourceContext): FinanceResource {
  return {
    agreements: {
      ...readOperations<Agreement>(ctx, entityPath("Agreement"), "Agreement"),
      additions: (agreementId) =>
        pick(
          collection<Addition, AdditionCreate>(
            ctx,
            entityPath("Addition", agreementId),
            "Addition",
          ),
          ["list", "iterate", "all", "get", "count", "create", "patch"],
        ),
    },
  };
}
