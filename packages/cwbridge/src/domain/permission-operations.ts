/**
 * Which feature a ConnectWise operation belongs to, so that a 403 on it can trigger the
 * permission check for exactly that feature.
 */
import type { PermissionFeature } from "./permission-manifest.js";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";

interface OperationRule {
  readonly path: RegExp;
  readonly methods?: readonly Method[];
  readonly features: readonly PermissionFeature[];
}

const WRITE: readonly Method[] = ["POST", "PUT", "PATCH", "DELETE"];
const READ: readonly Method[] = ["GET", "HEAD"];

/** First match wins; paths are lower-cased, without the `/v4_6_release/apis/3.0` prefix and query. */
const OPERATION_RULES: readonly OperationRule[] = [
  { path: /^\/system\/(info|mycompany)(\/|$)/, features: ["connection"] },
  { path: /^\/system\/mymembers(\/|$)/, features: ["connection"] },
  { path: /^\/system\/mysecurity(\/|$)/, features: ["connection"] },
  { path: /^\/system\/members(\/|$)/, features: ["members"] },
  { path: /^\/system\/securityroles(\/|$)/, features: ["security-roles"] },
  { path: /^\/system\/callbacks(\/|$)/, features: ["callbacks"] },
  { path: /^\/company\/configurations\/(types|statuses)(\/|$)/, features: ["table-setup"] },
  { path: /^\/company\/configurations(\/|$)/, features: ["configurations"] },
  { path: /^\/company\/contacts(\/|$)/, features: ["contacts"] },
  { path: /^\/company\/companies(\/|$)/, methods: READ, features: ["companies-read"] },
  { path: /^\/company\/companies(\/|$)/, methods: WRITE, features: ["companies-write"] },
  { path: /^\/service\/boards(\/|$)/, features: ["table-setup"] },
  {
    path: /^\/service\/(priorities|severities|impacts|sources|ticketnotetypes)(\/|$)/,
    features: ["table-setup"],
  },
  {
    path: /^\/service\/tickets\/\d+\/(notes|configurations|allnotes)(\/|$)/,
    features: ["tickets"],
  },
  { path: /^\/service\/tickets\/\d+\/timeentries(\/|$)/, features: ["time-entries"] },
  { path: /^\/service\/tickets\/\d+\/scheduleentries(\/|$)/, features: ["resource-scheduling"] },
  {
    path: /^\/service\/tickets\/\d+\/?$/,
    methods: ["PUT", "PATCH"],
    features: ["tickets", "close-tickets"],
  },
  { path: /^\/service\/tickets(\/|$)/, features: ["tickets"] },
  { path: /^\/schedule\/entries(\/|$)/, features: ["resource-scheduling"] },
  { path: /^\/time\/entries(\/|$)/, features: ["time-entries"] },
  { path: /^\/finance\/agreements(\/|$)/, features: ["agreements"] },
  { path: /^\/finance\/companyfinance(\/|$)/, features: ["company-finance"] },
  { path: /^\/procurement\/(catalog|products|productcomponents)(\/|$)/, features: ["products"] },
  { path: /^\/system\/reports(\/|$)/, features: ["reports"] },
];

/**
 * Normalises a ConnectWise path: lower case, no query, no `/{codebase}/apis/3.0` prefix.
 *
 * @example
 * normaliseOperationPath("/v4_6_release/apis/3.0/Service/Tickets/5?fields=id") // "/service/tickets/5"
 */
export function normaliseOperationPath(path: string): string {
  const bare = (path.split(/[?#]/)[0] ?? "").toLowerCase().replace(/^https?:\/\/[^/]+/, "");
  const trimmed = bare.replace(/^(\/[^/]+)?\/apis\/3\.0(?=\/)/, "");
  return trimmed.length > 1 ? trimmed.replace(/\/+$/, "") : trimmed;
}

/**
 * The features a 403 on this operation points to (empty when unknown). A PUT/PATCH on a ticket
 * may be a close, so it names both `tickets` and `close-tickets`.
 *
 * @example
 * featuresForOperation("PATCH", "/service/tickets/42") // ["tickets", "close-tickets"]
 * featuresForOperation("POST", "/company/configurations") // ["configurations"]
 */
export function featuresForOperation(method: string, path: string): PermissionFeature[] {
  const verb = method.toUpperCase() as Method;
  const normalised = normaliseOperationPath(path);
  const rule = OPERATION_RULES.find(
    (r) => r.path.test(normalised) && (r.methods === undefined || r.methods.includes(verb)),
  );
  return rule === undefined ? [] : [...rule.features];
}
