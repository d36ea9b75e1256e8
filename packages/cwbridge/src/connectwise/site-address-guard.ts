/**
 * The request-time half of the site policy: before a request leaves, the host of its URL is
 * resolved and the request is refused when ANY address is one that is never a ConnectWise
 * server (`blocked-address.ts`: link-local / cloud metadata, unspecified, multicast, broadcast),
 * whatever the opt-ins. So an on-prem host NAME that resolves to 169.254.169.254 is refused,
 * although the URL itself passed the policy when it was entered.
 *
 * The refusal is a {@link SiteAddressRefusedError}: a client `CW_CONFIG` error (raised before
 * anything is sent, never retried), so the client's events-log hooks record the attempt with
 * that code and nothing reaches the network. A failed lookup fails the request the way the
 * transport's own DNS failure would (`CW_CONNECTION`, not sent).
 *
 * Limit: the check resolves the name itself, then `fetch` resolves it again to connect (Node's
 * global fetch takes no `lookup` without undici's dispatcher, which is not a dependency), so a
 * DNS server that answers differently the second time (DNS rebinding) can still slip past it.
 * Checking the address actually connected to needs a transport of our own (open item).
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { ConnectWiseConfigError } from "@cwbridge/connectwise";
import { blockedAddressReason } from "./blocked-address.js";

/** Resolves a host name to every address it has (tests inject one). */
export type AddressLookup = (hostname: string) => Promise<readonly string[]>;

/**
 * The system resolver (`dns.lookup`, every address, as the OS orders them).
 *
 * @example
 * await systemLookup("localhost"); // ["127.0.0.1", "::1"]
 */
export const systemLookup: AddressLookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** A request refused because its host is (or resolves to) an address never allowed. */
export class SiteAddressRefusedError extends ConnectWiseConfigError {
  readonly host: string;
  readonly address: string;
  readonly reason: string;

  constructor(host: string, address: string, reason: string) {
    const via = host === address ? "" : ` resolves to ${address}, which`;
    super(
      `site not allowed: ${host}${via} is ${reason}, never a ConnectWise server (refused even with allowOnPrem); the request was not sent`,
    );
    this.host = host;
    this.address = address;
    this.reason = reason;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), host: this.host, address: this.address };
  }
}

/** Options of {@link guardFetch}. */
export interface AddressGuardOptions {
  readonly lookup: AddressLookup;
  /** Called with each refusal before it is thrown (log it). */
  readonly onRefused?: (error: SiteAddressRefusedError) => void;
  /** How long an allowed host's verdict is reused (default 30 s); refusals are never reused. */
  readonly cacheMs?: number;
  readonly now?: () => number;
}

const DEFAULT_CACHE_MS = 30_000;

/**
 * `inner` with the address check in front of every request.
 *
 * @example
 * const fetch = guardFetch(globalThis.fetch, { lookup: systemLookup });
 * await fetch("https://psa.example.com/login/companyinfo/acme"); // throws SiteAddressRefusedError if it resolves to 169.254.x.x
 */
export function guardFetch(inner: typeof fetch, options: AddressGuardOptions): typeof fetch {
  const check = cachedCheck(options);
  return async function guardedFetch(input, init) {
    await check(new URL(urlOf(input)).hostname);
    return inner(input, init);
  };
}

/**
 * Throws {@link SiteAddressRefusedError} when `hostname` (a URL host: IP literal or name) is or
 * resolves to an address never allowed; a lookup failure is thrown as fetch would report it.
 *
 * @example
 * await checkSiteHost("psa.example.com", async () => ["169.254.169.254"]); // throws
 */
export async function checkSiteHost(hostname: string, lookup: AddressLookup): Promise<void> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(bare) === 0 ? await resolve(bare, lookup) : [bare];
  for (const address of addresses) {
    const reason = blockedAddressReason(address);
    if (reason !== undefined) throw new SiteAddressRefusedError(hostname, address, reason);
  }
}

function cachedCheck(options: AddressGuardOptions): (hostname: string) => Promise<void> {
  const now = options.now ?? Date.now;
  const ttl = options.cacheMs ?? DEFAULT_CACHE_MS;
  const allowed = new Map<string, { readonly until: number; readonly verdict: Promise<void> }>();
  return (hostname) => {
    const cached = allowed.get(hostname);
    if (cached !== undefined && cached.until > now()) return cached.verdict;
    const verdict = checkSiteHost(hostname, options.lookup).catch((error: unknown) => {
      allowed.delete(hostname);
      if (error instanceof SiteAddressRefusedError) options.onRefused?.(error);
      throw error;
    });
    allowed.set(hostname, { until: now() + ttl, verdict });
    return verdict;
  };
}

async function resolve(hostname: string, lookup: AddressLookup): Promise<readonly string[]> {
  try {
    const addresses = await lookup(hostname);
    if (addresses.length > 0) return addresses;
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
  } catch (error) {
    throw new TypeError("fetch failed", { cause: error });
  }
}

function urlOf(input: Parameters<typeof fetch>[0]): string {
  if (typeof input === "string") return input;
  return input instanceof URL ? input.href : input.url;
}
