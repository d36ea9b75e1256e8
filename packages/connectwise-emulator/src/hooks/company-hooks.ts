/**
 * Companies: unique identifier (`ObjectExists`), default status, `deletedFlag: false`, and
 * `types` honoured only on create (later writes keep the existing types).
 */
import { issue } from "../errors.js";
import type { ResourceHooks } from "../resource-def.js";
import { defaultReference } from "./hook-utils.js";

export const companyHooks: ResourceHooks = {
  prepare(ctx, draft, previous, issues) {
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
    defaultReference(ctx.store, draft, "status", { table: "companyStatuses" });
    draft["deletedFlag"] ??= false;
    if (previous !== undefined) {
      if (previous["types"] === undefined) delete draft["types"];
      else draft["types"] = previous["types"];
    }
  },
};
