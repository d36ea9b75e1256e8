/**
 * The request-time half of the site policy: the address check of the engine's network
 * transport (`network-transport.ts`). The host name of a request is resolved AS THE SOCKET
 * CONNECTS, by the `lookup` the socket is handed ({@link checkedLookup}), and the connection is
 * refused when ANY address is one that is never a ConnectWise server (`blocked-address.ts`:
 * link-local / cloud metadata, unspecified, multicast, broadcast), whatever the opt-ins. Only
 * the checked answer reaches the socket: there is no second resolution, so a DNS server that
 * answers an allowed address to one query and 169.254.169.254 to the next (DNS rebinding) gets
 * the second connection refused, not sent. An on-prem host NAME that resolves to
 * 169.254.169.254 is refused although the URL itself passed the policy when it was entered.
 *
 * The refusal is a {@link SiteAddressRefusedError}: a client `CW_CONFIG` error (nothing was sent,
 * never retried), so the client's events-log hooks record the attempt with that code. A failed
 * lookup fails the connection with the resolver's own error (`ENOTFOUND` …), which fetch reports
 * as its usual DNS failure (`CW_CONNECTION`, not sent).
 */
import type { LookupAddress, LookupOptions } from "node:dns";
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";
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
    const via = host.replace(/^\[|\]$/g, "") === address ? "" : ` resolves to ${address}, which`;
    super(
      `site not allowed: ${host}${via} is ${reason}, never a ConnectWise server (refused even with --allow-on-prem); the request was not sent`,
    );
    this.host = host;
    this.address = address;
    this.reason = reason;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), host: this.host, address: this.address };
  }
}

/**
 * The addresses of `hostname` (a URL host: IP literal, bracketed or not, or a name), all of
 * them allowed. Throws {@link SiteAddressRefusedError} when any is never allowed; a lookup
 * failure (or an empty answer, as `ENOTFOUND`) is thrown as the resolver reported it.
 *
 * @example
 * await checkSiteHost("psa.example.com", async () => ["10.0.0.5"]); // ["10.0.0.5"]
 * await checkSiteHost("psa.example.com", async () => ["169.254.169.254"]); // throws
 */
export async function checkSiteHost(
  hostname: string,
  lookup: AddressLookup,
): Promise<readonly string[]> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(bare) === 0 ? await resolve(bare, lookup) : [bare];
  for (const address of addresses) {
    const reason = blockedAddressReason(address);
    if (reason !== undefined) throw new SiteAddressRefusedError(hostname, address, reason);
  }
  return addresses;
}

/**
 * A socket `lookup` (`net.connect`, `tls.connect`) that resolves with `lookup`, refuses a host
 * with any never-allowed address ({@link checkSiteHost}) and hands the socket only the checked
 * addresses (those of the family it asks for), in the shape it asks for (`all` or one).
 *
 * @example
 * net.connect({ host: "psa.example.com", port: 443, lookup: checkedLookup(systemLookup) });
 */
export function checkedLookup(lookup: AddressLookup): LookupFunction {
  return (hostname, options, callback) => {
    checkSiteHost(hostname, lookup).then(
      (addresses) => {
        const wanted = ofFamily(addresses, options);
        const [first] = wanted;
        if (first === undefined) callback(notFound(hostname), "");
        else if (options.all === true) callback(null, wanted);
        else callback(null, first.address, first.family);
      },
      (error: unknown) => {
        callback(error instanceof Error ? error : new Error(String(error)), "");
      },
    );
  };
}

function ofFamily(addresses: readonly string[], options: LookupOptions): LookupAddress[] {
  const family = familyOf(options.family);
  return addresses
    .map((address) => ({ address, family: isIP(address) }))
    .filter((entry) => family === 0 || entry.family === family);
}

function familyOf(family: LookupOptions["family"]): number {
  if (family === 4 || family === "IPv4") return 4;
  if (family === 6 || family === "IPv6") return 6;
  return 0;
}

async function resolve(hostname: string, lookup: AddressLookup): Promise<readonly string[]> {
  const addresses = await lookup(hostname);
  if (addresses.length === 0) throw notFound(hostname);
  return addresses;
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
    code: "ENOTFOUND",
    hostname,
  });
}
