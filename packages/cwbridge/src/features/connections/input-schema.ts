/**
 * zod schemas (strict) of connection input: add, update, and ad-hoc test input.
 * Messages never echo values (secrets may be in them).
 */
import { z } from "zod";
import { issuePath } from "../../core/issue-path.js";
import { safeString } from "../../domain/safe-text.js";
import { invalidInput, type FieldIssue } from "../../connectwise/errors.js";

const levelSchema = z.enum(["Low", "Medium", "High"]);

/** Settings input. */
export const connectionSettingsSchema = z
  .object({
    features: z.array(safeString().min(1).max(64)).max(64).optional(),
    defaultBoardId: z.number().int().positive().optional(),
    defaultBoardName: safeString().trim().min(1).max(100).optional(),
    severity: levelSchema.optional(),
    impact: levelSchema.optional(),
    closeStatusName: safeString().trim().min(1).max(100).optional(),
    massDeactivationThreshold: z.number().min(0).max(1).optional(),
    maxConcurrent: z.number().int().min(1).max(32).optional(),
    ratePerSecond: z.number().positive().max(100).optional(),
  })
  .strict();

const credentialFields = {
  site: safeString().trim().min(1, "required").max(300),
  companyId: safeString()
    .trim()
    .min(1, "required")
    .max(100)
    .regex(/^[^\s+:]+$/, "must not contain spaces, '+' or ':'"),
  publicKey: safeString()
    .trim()
    .min(1, "required")
    .max(200)
    .regex(/^[^\s:]+$/, "must not contain spaces or ':'"),
  privateKey: safeString().min(1, "required").max(200).regex(/^\S+$/, "must not contain spaces"),
  clientId: safeString()
    .trim()
    .min(1, "required (your integration's clientId from developer.connectwise.com)")
    .max(100),
  memberId: safeString().trim().min(1).max(100).optional(),
  apiVersion: z
    .string()
    .regex(/^\d{4}\.\d{1,2}$/, 'must look like "2025.16"')
    .optional(),
  allowOnPrem: z.boolean().optional(),
  allowInsecure: z.boolean().optional(),
};

/** Input of `addConnection`. */
export const addConnectionSchema = z
  .object({
    name: safeString().trim().min(1, "required").max(100),
    ...credentialFields,
    settings: connectionSettingsSchema.optional(),
  })
  .strict();
export type AddConnectionInput = z.input<typeof addConnectionSchema>;
export type ParsedAddConnection = z.output<typeof addConnectionSchema>;

/** Input of `updateConnection`: any subset; `memberId: null` clears the member id. */
export const updateConnectionSchema = z
  .object({
    name: safeString().trim().min(1, "required").max(100).optional(),
    site: credentialFields.site.optional(),
    companyId: credentialFields.companyId.optional(),
    publicKey: credentialFields.publicKey.optional(),
    privateKey: credentialFields.privateKey.optional(),
    clientId: credentialFields.clientId.optional(),
    memberId: safeString().trim().min(1).max(100).nullable().optional(),
    apiVersion: credentialFields.apiVersion,
    allowOnPrem: z.boolean().optional(),
    allowInsecure: z.boolean().optional(),
    settings: connectionSettingsSchema.optional(),
  })
  .strict();
export type UpdateConnectionInput = z.input<typeof updateConnectionSchema>;

/** Input of `testConnection` with unsaved credentials. */
export const testConnectionSchema = z.object(credentialFields).strict();
export type TestConnectionInput = z.input<typeof testConnectionSchema>;
export type ParsedTestConnection = z.output<typeof testConnectionSchema>;

/**
 * Parses input with a schema; throws `CWB_ERR_CONNECTION_INVALID` listing every bad field
 * (plus any `extra` issues, e.g. the site policy).
 *
 * @example
 * const input = parseInput(addConnectionSchema, raw);
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw invalidInput(zodIssues(parsed.error));
}

/**
 * A zod error as field issues (unknown keys named; values never echoed).
 *
 * @example
 * zodIssues(error); // [{ field: "companyId", message: "required" }]
 */
export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap(toFieldIssues);
}

/** One issue per field (an unknown-keys issue names each key: its `path` is that key's). */
function toFieldIssues(issue: z.core.$ZodIssue): FieldIssue[] {
  if (issue.code === "unrecognized_keys") {
    const prefix = issue.path.length > 0 ? `${issue.path.join(".")}.` : "";
    return issue.keys.map((k) => ({
      path: issuePath([...issue.path, k]),
      field: `${prefix}${k}`,
      message: "unknown field",
    }));
  }
  const field = issue.path.length > 0 ? issue.path.join(".") : "(input)";
  return [{ path: issuePath(issue.path), field, message: issue.message }];
}
