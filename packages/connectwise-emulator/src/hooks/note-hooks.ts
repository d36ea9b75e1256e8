/**
 * Ticket notes: `dateCreated` / `createdBy` stamped on create and kept on updates; flags
 * default to false.
 */
import type { ResourceHooks } from "../resource-def.js";

const FLAGS = ["detailDescriptionFlag", "internalAnalysisFlag", "resolutionFlag"] as const;

export const noteHooks: ResourceHooks = {
  prepare(ctx, draft, previous) {
    for (const flag of FLAGS) draft[flag] ??= false;
    if (previous === undefined) {
      draft["dateCreated"] = ctx.now;
      draft["createdBy"] = ctx.member.identifier;
    }
  },
};
