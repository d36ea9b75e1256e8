/**
 * Report schemas: `GET /system/reports` lists `Report` rows (`{ name }`); a report's data is
 * `ReportDataResponse` — `column_definitions` (one `{ <column>: ReportColumnDefinition }`
 * object per column, in order) and `row_values` (one array of values per row, in that order).
 */
import { z } from "zod";
import { entityObject, optionalBoolean, optionalString } from "./helpers.js";

/** `Report`: a report the API member may run (`GET /system/reports`). */
export const reportSchema = entityObject({ name: z.string() });
export type Report = z.infer<typeof reportSchema>;

/** `ReportColumnDefinition`: a column's type (`Text`, `Numeric`, `DateTime`, `Boolean`, …). */
export const reportColumnDefinitionSchema = entityObject({
  type: optionalString,
  isNullable: optionalBoolean,
  identityColumn: optionalBoolean,
});
export type ReportColumnDefinition = z.infer<typeof reportColumnDefinitionSchema>;

/** `ReportDataResponse`: one page of a report. */
export const reportDataResponseSchema = entityObject({
  column_definitions: z.array(z.record(z.string(), reportColumnDefinitionSchema)),
  row_values: z.array(z.array(z.unknown())),
});
export type ReportDataResponse = z.infer<typeof reportDataResponseSchema>;
