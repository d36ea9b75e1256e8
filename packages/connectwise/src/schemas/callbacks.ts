/** Callback (webhook) registrations: `/system/callbacks`. */
import { z } from "zod";
import { infoMapSchema } from "./common.js";
import {
  entityObject,
  nullableBoolean,
  nullableInteger,
  openEnum,
  optionalString,
} from "./helpers.js";

/**
 * Callback record types seen in the field (lower-case singular); not exhaustive: other
 * documented types (agreement, invoice, member...) are accepted as plain strings.
 */
export const callbackTypeSchema = openEnum([
  "activity",
  "company",
  "configuration",
  "contact",
  "opportunity",
  "project",
  "schedule",
  "ticket",
]);

/** `CallbackEntry`: one registration; `level: "owner"` with `objectId: 1` means all records. */
export const callbackEntrySchema = entityObject({
  id: z.int(),
  description: optionalString,
  url: optionalString,
  objectId: nullableInteger,
  type: callbackTypeSchema.optional(),
  level: optionalString,
  memberId: nullableInteger,
  payloadVersion: optionalString,
  inactiveFlag: nullableBoolean,
  isSoapCallbackFlag: nullableBoolean,
  isSelfSuppressedFlag: nullableBoolean,
  connectWiseID: optionalString,
  _info: infoMapSchema.optional(),
});
export type CallbackEntry = z.infer<typeof callbackEntrySchema>;

/** Body of `POST /system/callbacks`: `url`, `objectId`, `type` and `level` are required. */
export const callbackEntryCreateSchema = callbackEntrySchema
  .omit({ id: true, _info: true, memberId: true })
  .partial()
  .extend({
    description: z.string().max(100).optional(),
    url: z.string().min(1),
    objectId: z.int().nullable(),
    type: callbackTypeSchema,
    level: z.string().min(1),
  });
export type CallbackEntryCreate = z.infer<typeof callbackEntryCreateSchema>;
