/**
 * Callbacks: `memberId` is the creating member; `type` and `level` are stored lower-case;
 * flags default to false.
 */
import type { ResourceHooks } from "../resource-def.js";

export const callbackHooks: ResourceHooks = {
  prepare(ctx, draft, previous) {
    if (previous === undefined) draft["memberId"] = ctx.member.id;
    if (typeof draft["type"] === "string") draft["type"] = draft["type"].toLowerCase();
    if (typeof draft["level"] === "string") draft["level"] = draft["level"].toLowerCase();
    draft["inactiveFlag"] ??= false;
    draft["isSoapCallbackFlag"] ??= false;
    draft["isSelfSuppressedFlag"] ??= false;
  },
};
