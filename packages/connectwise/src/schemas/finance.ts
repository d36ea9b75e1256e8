/** Agreements and their additions: `/finance/agreements/...`. */
import { z } from "zod";
import {
  agreementReferenceSchema,
  companyReferenceSchema,
  customFieldValueSchema,
  infoMapSchema,
  ivItemReferenceSchema,
  namedReferenceSchema,
  referenceInputSchema,
} from "./common.js";
import {
  entityObject,
  nullableBoolean,
  nullableInteger,
  nullableNumber,
  openEnum,
  optionalString,
} from "./helpers.js";
import { billableOptionSchema } from "./service.js";

const info = infoMapSchema.optional();

/** Status of an agreement (also echoed on its additions). */
export const agreementStatusSchema = openEnum(["Active", "Cancelled", "Expired", "Inactive"]);

/** `Agreement`. */
export const agreementSchema = entityObject({
  id: z.int(),
  name: optionalString,
  type: namedReferenceSchema.optional(),
  company: companyReferenceSchema.optional(),
  contact: namedReferenceSchema.optional(),
  site: namedReferenceSchema.optional(),
  parentAgreement: agreementReferenceSchema.optional(),
  customerPO: optionalString,
  startDate: optionalString,
  endDate: optionalString,
  noEndingDateFlag: nullableBoolean,
  cancelledFlag: nullableBoolean,
  dateCancelled: optionalString,
  reasonCancelled: optionalString,
  sla: namedReferenceSchema.optional(),
  workOrder: optionalString,
  internalNotes: optionalString,
  applicationUnits: openEnum(["Amount", "Hours", "Incidents"]).nullish(),
  applicationLimit: nullableNumber,
  applicationUnlimitedFlag: nullableBoolean,
  billAmount: nullableNumber,
  taxable: nullableBoolean,
  billStartDate: optionalString,
  invoiceDescription: optionalString,
  billTime: billableOptionSchema.nullish(),
  billExpenses: billableOptionSchema.nullish(),
  billProducts: billableOptionSchema.nullish(),
  agreementStatus: agreementStatusSchema.nullish(),
  customFields: z.array(customFieldValueSchema).optional(),
  _info: info,
});
export type Agreement = z.infer<typeof agreementSchema>;

/** How an addition is billed. */
export const billCustomerSchema = openEnum(["Billable", "DoNotBill", "NoCharge"]);

/** `Addition`: a product line of an agreement (usage sync = PATCH `quantity`). */
export const additionSchema = entityObject({
  id: z.int(),
  product: ivItemReferenceSchema.optional(),
  quantity: nullableNumber,
  lessIncluded: nullableNumber,
  unitPrice: nullableNumber,
  unitCost: nullableNumber,
  billCustomer: billCustomerSchema.nullish(),
  effectiveDate: optionalString,
  cancelledDate: optionalString,
  taxableFlag: nullableBoolean,
  serialNumber: optionalString,
  invoiceDescription: optionalString,
  purchaseItemFlag: nullableBoolean,
  specialOrderFlag: nullableBoolean,
  agreementId: nullableInteger,
  description: optionalString,
  billedQuantity: nullableNumber,
  uom: optionalString,
  extPrice: nullableNumber,
  extCost: nullableNumber,
  sequenceNumber: nullableNumber,
  margin: nullableNumber,
  prorateCost: nullableNumber,
  proratePrice: nullableNumber,
  agreementStatus: agreementStatusSchema.nullish(),
  customFields: z.array(customFieldValueSchema).optional(),
  _info: info,
});
export type Addition = z.infer<typeof additionSchema>;

/** Body of `POST /finance/agreements/{agreementId}/additions`: `product`, `billCustomer`. */
export const additionCreateSchema = additionSchema
  .omit({
    id: true,
    _info: true,
    agreementId: true,
    extPrice: true,
    extCost: true,
    margin: true,
    prorateCost: true,
    proratePrice: true,
  })
  .partial()
  .extend({ product: referenceInputSchema, billCustomer: billCustomerSchema });
export type AdditionCreate = z.infer<typeof additionCreateSchema>;
