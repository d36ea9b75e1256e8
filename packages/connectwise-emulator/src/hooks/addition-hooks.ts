/**
 * Agreement additions: defaults from the catalog item (description, unitPrice, unitCost) and
 * computed `extPrice`, `extCost`, `margin` from quantity less the included quantity.
 */
import type { ResourceHooks } from "../resource-def.js";
import { refId } from "./hook-utils.js";

const num = (value: unknown, fallback = 0): number =>
  typeof value === "number" ? value : fallback;
const money = (value: number): number => Math.round(value * 100) / 100;

export const additionHooks: ResourceHooks = {
  prepare(ctx, draft) {
    const productId = refId(draft["product"]);
    const product = productId === undefined ? undefined : ctx.store.get("catalogItems", productId);
    draft["description"] ??= product?.["description"];
    draft["unitPrice"] ??= num(product?.["price"]);
    draft["unitCost"] ??= num(product?.["cost"]);
    draft["quantity"] ??= 0;
    draft["lessIncluded"] ??= 0;
    draft["agreementStatus"] ??= "Active";
    draft["taxableFlag"] ??= false;
    const billable = num(draft["quantity"]) - num(draft["lessIncluded"]);
    draft["extPrice"] = money(billable * num(draft["unitPrice"]));
    draft["extCost"] = money(billable * num(draft["unitCost"]));
    draft["margin"] = money(num(draft["extPrice"]) - num(draft["extCost"]));
    if (draft["description"] === undefined) delete draft["description"];
  },
};
