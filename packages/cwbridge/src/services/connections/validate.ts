/**
 * Validation of connection input beyond the zod shape: the SSRF site policy and the feature
 * names (permission manifest). Every issue is collected, so one error lists every bad field.
 */
import type { z } from "zod";
import { checkSitePolicy } from "../../connectwise/site-policy.js";
import { invalidInput, type FieldIssue } from "../../connectwise/errors.js";
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

/**
 * Parses with `schema` and runs `extra` checks; throws `CWB_ERR_CONNECTION_INVALID` listing
 * every issue of both.
 *
 * @example
 * const input = validateInput(addConnectionSchema, raw, (r) => siteIssues(r));
 */
export function validateInput<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  extra: (raw: Record<string, unknown>) => FieldIssue[],
  toIssues: (error: z.ZodError) => FieldIssue[],
): z.output<S> {
  const parsed = schema.safeParse(raw);
  const object = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const issues = [...(parsed.success ? [] : toIssues(parsed.error)), ...extra(object)];
  if (issues.length > 0 || !parsed.success) {
    throw invalidInput(issues.length > 0 ? issues : [{ field: "(input)", message: "invalid" }]);
  }
  return parsed.data;
}
