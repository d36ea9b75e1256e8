/**
 * SSRF policy for the ConnectWise site a user enters: cloud regions (and their API hosts given
 * as URLs) are always allowed; any other URL (on-prem) needs the connection's explicit
 * `allowOnPrem` opt-in, and plain `http:` additionally needs `allowInsecure` (the in-process
 * emulator `http://cw.emulator` in tests). URLs must be bare origins without credentials.
 * Redirects are never followed (the client's transport treats them as errors).
 */
import { CLOUD_SITES, isCloudRegion } from "@cwbridge/connectwise";
import type { FieldIssue } from "./errors.js";

/** What the policy looks at. */
export interface SitePolicyInput {
  readonly site: string;
  readonly allowOnPrem: boolean;
  readonly allowInsecure: boolean;
}

const CLOUD_HOSTS = new Set(Object.values(CLOUD_SITES).map((origin) => new URL(origin).host));

/**
 * Whether `site` is a cloud region or a cloud API origin.
 *
 * @example
 * isCloudSite("na"); // true
 * isCloudSite("https://api-eu.myconnectwise.net"); // true
 * isCloudSite("https://psa.example.com"); // false
 */
export function isCloudSite(site: string): boolean {
  if (isCloudRegion(site)) return true;
  const url = parseUrl(site);
  return url !== undefined && url.protocol === "https:" && CLOUD_HOSTS.has(url.host);
}

/**
 * The policy issues of a site (empty = allowed).
 *
 * @example
 * checkSitePolicy({ site: "https://psa.example.com", allowOnPrem: false, allowInsecure: false });
 * // [{ field: "site", message: "…on-prem URL…set allowOnPrem…" }]
 */
export function checkSitePolicy(input: SitePolicyInput): FieldIssue[] {
  const { site } = input;
  if (isCloudSite(site)) return [];
  const url = parseUrl(site);
  const regions = Object.keys(CLOUD_SITES).join(", ");
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    return [
      { field: "site", message: `must be a cloud region (${regions}) or an https:// origin URL` },
    ];
  }
  const issues: FieldIssue[] = [];
  if (url.username !== "" || url.password !== "") {
    issues.push({ field: "site", message: "must not contain credentials" });
  }
  if ((url.pathname !== "/" && url.pathname !== "") || url.search !== "" || url.hash !== "") {
    issues.push({ field: "site", message: `must be an origin without a path, e.g. ${url.origin}` });
  }
  if (/^(na|eu|au|aus|za)\.myconnectwise\.net$/i.test(url.hostname)) {
    issues.push({
      field: "site",
      message: `${url.hostname} is the login host; use the region (e.g. "na") for the API host`,
    });
  }
  if (!input.allowOnPrem) {
    issues.push({
      field: "allowOnPrem",
      message: `${url.origin} is not a ConnectWise cloud host; an on-prem URL needs allowOnPrem: true`,
    });
  }
  if (url.protocol === "http:" && !input.allowInsecure) {
    issues.push({
      field: "allowInsecure",
      message: `${url.origin} uses plain http; ConnectWise requires https (allowInsecure: true only for a local emulator)`,
    });
  }
  return issues;
}

function parseUrl(site: string): URL | undefined {
  try {
    return new URL(site);
  } catch {
    return undefined;
  }
}
