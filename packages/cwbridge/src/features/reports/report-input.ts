/**
 * The inputs of the reports use cases (zod, strict): which connection, which report, the
 * conditions over its column names, the columns to keep, the page size and the export format.
 * Conditions are parsed with the client's grammar before any request, so a syntax error is
 * `CWB_ERR_REPORTS_INVALID` and nothing is sent.
 */
import { ConditionsSyntaxError, parseConditions } from "@cwbridge/connectwise";
import { z } from "zod";

/** The export formats. */
export const REPORT_FORMATS = ["json", "csv"] as const;

/** One of {@link REPORT_FORMATS}. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const connection = z.string().trim().min(1, "a connection name or id is required").max(200);
const COLUMN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const UNSAFE = new Set(["/", "\\", "?", "#", "%"]);

/** A report name is one path segment: no separators, no query or escapes, no controls. */
const safeName = (name: string): boolean =>
  ![...name].some((c) => UNSAFE.has(c) || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** Input of `list`. */
export const listReportsSchema = z.object({ connection }).strict();

/** Input of `list`, parsed. */
export type ListReportsInput = z.output<typeof listReportsSchema>;

/** Input of `run`. */
export const runReportSchema = z
  .object({
    connection,
    name: z
      .string()
      .trim()
      .min(1, "a report name is required")
      .max(200, "a report name is at most 200 characters")
      .refine(safeName, "a report name cannot contain / \\ ? # % or control characters"),
    conditions: z
      .string()
      .max(4000, "conditions are at most 4000 characters")
      .superRefine((text, ctx) => {
        if (text.trim() === "") return;
        try {
          parseConditions(text);
        } catch (error) {
          if (!(error instanceof ConditionsSyntaxError)) throw error;
          ctx.addIssue({ code: "custom", message: `not valid conditions: ${error.message}` });
        }
      })
      .optional(),
    columns: z
      .array(z.string().regex(COLUMN, "a column name is letters, digits and _"))
      .min(1)
      .max(200)
      .optional(),
    pageSize: z.int().min(1).max(1000).optional(),
    format: z.enum(REPORT_FORMATS).optional(),
  })
  .strict();

/** Input of `run`, parsed. */
export type RunReportInput = z.output<typeof runReportSchema>;
