/**
 * Configurations: `activeFlag` defaults to true and `status` to the default configuration
 * status.
 */
import type { ResourceHooks } from "../resource-def.js";
import { defaultReference } from "./hook-utils.js";

export const configurationHooks: ResourceHooks = {
  prepare(ctx, draft) {
    draft["activeFlag"] ??= true;
    defaultReference(ctx.store, draft, "status", { table: "configurationStatuses" });
  },
};
