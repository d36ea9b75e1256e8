/** Product catalog: `/procurement/catalog`. */
import { z } from "zod";
import {
  companyReferenceSchema,
  customFieldValueSchema,
  infoMapSchema,
  namedReferenceSchema,
} from "./common.js";
import {
  entityObject,
  nullableBoolean,
  nullableNumber,
  openEnum,
  optionalString,
} from "./helpers.js";
import { billableOptionSchema } from "./service.js";

/** `CatalogItem`: a product of the catalog. */
export const catalogItemSchema = entityObject({
  id: z.int(),
  identifier: optionalString,
  description: optionalString,
  inactiveFlag: nullableBoolean,
  subcategory: namedReferenceSchema.optional(),
  type: namedReferenceSchema.optional(),
  productClass: openEnum(["Agreement", "Bundle", "Inventory", "NonInventory", "Service"]).nullish(),
  serializedFlag: nullableBoolean,
  unitOfMeasure: namedReferenceSchema.optional(),
  price: nullableNumber,
  cost: nullableNumber,
  taxableFlag: nullableBoolean,
  customerDescription: optionalString,
  manufacturer: namedReferenceSchema.optional(),
  manufacturerPartNumber: optionalString,
  vendor: companyReferenceSchema.optional(),
  vendorSku: optionalString,
  notes: optionalString,
  integrationXRef: optionalString,
  category: namedReferenceSchema.optional(),
  recurringFlag: nullableBoolean,
  recurringRevenue: nullableNumber,
  recurringCost: nullableNumber,
  billableOption: billableOptionSchema.nullish(),
  connectWiseID: optionalString,
  customFields: z.array(customFieldValueSchema).optional(),
  _info: infoMapSchema.optional(),
});
export type CatalogItem = z.infer<typeof catalogItemSchema>;
