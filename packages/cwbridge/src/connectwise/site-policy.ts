/**
 * SSRF policy for the ConnectWise site a user enters: cloud regions (and their API hosts given
 * as URLs) are always allowed; any other URL (on-prem) needs the connection's explicit
 * `allowOnPrem` opt-in, and plain `http:` additionally needs `allowInsecure` (the in-process
 * emulator `http://cw.emulator` in tests). Every URL, cloud or on-prem, must be a bare origin:
 * no credentials (`user:password@`), no path, query or fragment. An IP address that is never a
 * ConnectWise server (link-local / cloud metadata, unspecified, multicast, broadcast, in any
 * spelling the URL parser accepts) is refused even with the opt-in; a host NAME is checked
 * against the same set on the answer each connection uses (`network-transport.ts`). Redirects are
 * never followed (the client's transport treats them as errors). Messages never echo the
 * credentials of a URL.
 */
import { isIP } from "node:net";
import { CLOUD_SITES, isCloudRegion } from "@cwbridge/connectwise";
import { blockedAddressReason } from "./blocked-address.js";
import type { FieldIssue } from "./errors.js";

/** What the policy looks at. */
export interface SitePolicyInput {
  readonly site: string;
  readonly allowOnPrem: boolean;
  readonly allowInsecure: boolean;
}

const CLOUD_HOSTS = new Set(Object.values(CLOUD_SITES).map((origin) => new URL(origin).host));

/**
 * Whether `site` is a cloud region or a cloud API origin (https, no credentials, no path).
 *
 * @example
 * isCloudSite("na"); // true
 * isCloudSite("https://api-eu.myconnectwise.net"); // true
 * isCloudSite("https://psa.example.com"); // false
 */
export function isCloudSite(site: string): boolean {
  if (isCloudRegion(site)) return true;
  const url = parseUrl(site);
  return url !== undefined && isCloudHost(url) && shapeIssues(url).length === 0;
}

/**
 * The policy issues of a site (empty = allowed). Fields: `site`, `allowOnPrem`, `allowInsecure`.
 *
 * @example
 * checkSitePolicy({ site: "https://psa.example.com", allowOnPrem: false, allowInsecure: false });
 * // [{ field: "allowOnPrem", message: "…not a ConnectWise cloud host; an on-prem URL needs --allow-on-prem" }]
 */
export function checkSitePolicy(input: SitePolicyInput): FieldIssue[] {
  if (isCloudRegion(input.site)) return [];
  const url = parseUrl(input.site);
  if (url === undefined || (url.protocol !== "https:" && url.protocol !== "http:")) {
    const regions = Object.keys(CLOUD_SITES).join(", ");
    return [site(`must be a cloud region (${regions}) or an https:// origin URL`)];
  }
  const shape = shapeIssues(url);
  if (isCloudHost(url)) return shape;
  const blocked = blockedHostReason(url.hostname);
  if (blocked !== undefined) {
    return [
      ...shape,
      site(
        `${url.host} is ${blocked}, never a ConnectWise server; it is refused even with --allow-on-prem`,
      ),
    ];
  }
  return [...shape, ...loginHostIssues(url), ...optInIssues(url, input)];
}

/**
 * Why a URL host name (as `URL.hostname` spells it: IPv4 normalised to dotted decimal, IPv6 in
 * brackets) is an address never allowed, or `undefined` (allowed, or a name checked after DNS).
 *
 * @example
 * blockedHostReason(new URL("https://0xa9fea9fe").hostname); // "link-local (cloud metadata service)"
 * blockedHostReason("psa.example.com"); // undefined
 */
export function blockedHostReason(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[|\]$/g, "");
  return isIP(bare) === 0 ? undefined : blockedAddressReason(bare);
}

function isCloudHost(url: URL): boolean {
  return url.protocol === "https:" && CLOUD_HOSTS.has(url.host);
}

/** Credentials, path, query, fragment: refused for every kind of site URL. */
function shapeIssues(url: URL): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (url.username !== "" || url.password !== "") {
    issues.push(
      site(
        `must not contain credentials (user:password@), e.g. ${url.origin}; the keys go in publicKey/privateKey (--public-key, --private-key)`,
      ),
    );
  }
  const bare = new URL(url.href);
  bare.username = "";
  bare.password = "";
  if (bare.href !== `${bare.origin}/`) {
    issues.push(site(`must be an origin without a path, query or fragment, e.g. ${url.origin}`));
  }
  return issues;
}

function loginHostIssues(url: URL): FieldIssue[] {
  const login = /^(na|eu|au|aus|za)\.myconnectwise\.net$/i.exec(url.hostname);
  if (login?.[1] === undefined) return [];
  return [
    site(
      `${url.hostname} is the login host; use the region (e.g. "${login[1].toLowerCase()}") for the API host`,
    ),
  ];
}

function optInIssues(url: URL, input: SitePolicyInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!input.allowOnPrem) {
    issues.push({
      field: "allowOnPrem",
      message: `${url.origin} is not a ConnectWise cloud host; an on-prem URL needs --allow-on-prem`,
    });
  }
  if (url.protocol === "http:" && !input.allowInsecure) {
    issues.push({
      field: "allowInsecure",
      message: `${url.origin} uses plain http; ConnectWise requires https (--allow-insecure allows it, only for a local emulator)`,
    });
  }
  return issues;
}

function site(message: string): FieldIssue {
  return { field: "site", message: `site (--site) ${message}` };
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
