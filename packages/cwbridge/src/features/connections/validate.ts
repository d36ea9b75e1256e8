/**
 * Validation of connection input beyond the zod shape: the SSRF site policy and the feature
 * names (permission manifest). Every issue is collected, so one error lists every bad field;
 * when the site policy is all that fails, the error is `CWB_ERR_CONNECTION_SITE_NOT_ALLOWED`.
 */
import type { z } from "zod";
import { checkSitePolicy } from "../../connectwise/site-policy.js";
import { invalidInput, siteNotAllowed, type FieldIssue } from "../../connectwise/errors.js";
import { PERMISSION_FEATURES } from "../../domain/permission-manifest.js";

/**
 * Issues of a site with its opt-ins (ignores values that are not strings/booleans: zod reports those).
 *
 * @example
 * siteIssues({ site: "https://psa.example.com" }); // [{ field: "allowOnPrem", … }]
 */
export function siteIssues(raw: {
  readonly site?: unknown;
  readonly allowOnPrem?: unknown;
  readonly allowInsecure?: unknown;
}): FieldIssue[] {
  if (typeof raw.site !== "string" || raw.site.trim() === "") return [];
  return checkSitePolicy({
    site: raw.site.trim(),
    allowOnPrem: raw.allowOnPrem === true,
    allowInsecure: raw.allowInsecure === true,
  });
}

/**
 * Issues of the `settings.features` names.
 *
 * @example
 * featureIssues(["tickets", "nope"]); // [{ field: "settings.features", message: "unknown feature 'nope' …" }]
 */
export function featureIssues(features: unknown): FieldIssue[] {
  if (!Array.isArray(features)) return [];
  const known: readonly string[] = PERMISSION_FEATURES;
  return features
    .filter((f): f is string => typeof f === "string" && !known.includes(f))
    .map((f) => ({
      field: "settings.features",
      message: `unknown feature '${f.slice(0, 64)}' (known: ${known.join(", ")})`,
    }));
}

/** The checks beyond the schema: the site policy, and any others (feature names …). */
export interface InputChecks {
  readonly site: (raw: Record<string, unknown>) => FieldIssue[];
  readonly other?: (raw: Record<string, unknown>) => FieldIssue[];
}

/**
 * Parses with `schema` and runs the `checks`; throws listing every issue of all of them:
 * `CWB_ERR_CONNECTION_SITE_NOT_ALLOWED` when the site policy is the only problem, else
 * `CWB_ERR_CONNECTION_INVALID` (site-policy issues included in its list).
 *
 * @example
 * const input = validateInput(addConnectionSchema, raw, { site: siteIssues }, zodIssues);
 */
export function validateInput<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  checks: InputChecks,
  toIssues: (error: z.ZodError) => FieldIssue[],
): z.output<S> {
  const parsed = schema.safeParse(raw);
  const object = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const policy = checks.site(object);
  const other = [
    ...(parsed.success ? [] : toIssues(parsed.error)),
    ...(checks.other?.(object) ?? []),
  ];
  if (policy.length > 0 && other.length === 0 && parsed.success) throw siteNotAllowed(policy);
  const issues = [...other, ...policy];
  if (issues.length > 0 || !parsed.success) {
    throw invalidInput(issues.length > 0 ? issues : [{ field: "(input)", message: "invalid" }]);
  }
  return parsed.data;
}
