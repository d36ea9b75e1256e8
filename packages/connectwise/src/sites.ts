/**
 * ConnectWise sites: the cloud regions' API hosts, and the checks an on-prem / emulator URL
 * must pass (https unless explicitly allowed, origin only, no API-less cloud host).
 */
import { ConnectWiseConfigError } from "./errors.js";

/** Cloud regions and their API origins. */
export const CLOUD_SITES = {
  na: "https://api-na.myconnectwise.net",
  eu: "https://api-eu.myconnectwise.net",
  au: "https://api-au.myconnectwise.net",
  aus: "https://api-aus.myconnectwise.net",
  za: "https://api-za.myconnectwise.net",
  staging: "https://api-staging.connectwisedev.com",
} as const satisfies Record<string, string>;

export type CloudRegion = keyof typeof CLOUD_SITES;

/** Whether `site` names a cloud region. */
export function isCloudRegion(site: string): site is CloudRegion {
  return Object.hasOwn(CLOUD_SITES, site);
}

/** Whether a host name is this machine (plain http is allowed there). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * The API origin (`https://host[:port]`) for a region or a URL.
 * Plain `http:` is accepted only for loopback hosts or with `allowInsecure: true`.
 *
 * @example
 * resolveSiteOrigin("eu"); // "https://api-eu.myconnectwise.net"
 * resolveSiteOrigin("http://cw.emulator", { allowInsecure: true }); // "http://cw.emulator"
 */
export function resolveSiteOrigin(
  site: string,
  options: { readonly allowInsecure?: boolean } = {},
): string {
  if (isCloudRegion(site)) return CLOUD_SITES[site];
  const url = parseSiteUrl(site);
  const cloud = /^(na|eu|au|aus|za)\.myconnectwise\.net$/i.exec(url.hostname);
  if (cloud?.[1]) {
    throw new ConnectWiseConfigError(
      `ConnectWise options: "${url.hostname}" is the login host; API calls go to "api-${cloud[1].toLowerCase()}...". Use { site: "${cloud[1].toLowerCase()}" }.`,
    );
  }
  if (url.protocol === "http:" && !options.allowInsecure && !isLoopbackHost(url.hostname)) {
    throw new ConnectWiseConfigError(
      `ConnectWise options: site "${url.origin}" uses plain http. ConnectWise requires https; for a local emulator pass { site: "${url.origin}", allowInsecure: true }.`,
    );
  }
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) {
    throw new ConnectWiseConfigError(
      `ConnectWise options: site must be an origin without a path, e.g. { site: "${url.origin}" }.`,
    );
  }
  return url.origin;
}

function parseSiteUrl(site: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(site);
  } catch {
    url = undefined;
  }
  if (url && (url.username || url.password)) {
    throw new ConnectWiseConfigError(
      "ConnectWise options: site must not contain credentials; pass publicKey/privateKey instead.",
    );
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new ConnectWiseConfigError(
      `ConnectWise options: site must be one of ${Object.keys(CLOUD_SITES).join(", ")} or an https URL such as "https://psa.example.com" (got ${JSON.stringify(site)}).`,
    );
  }
  return url;
}
