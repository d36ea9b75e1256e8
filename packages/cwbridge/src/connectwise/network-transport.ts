/**
 * The engine's network transport: `fetch` from the `undici` package over an `Agent` whose
 * sockets resolve host names through the site check (`checkedLookup`, `site-address-guard.ts`)
 * and whose IP-literal hosts are checked before any socket is made. So the address a request
 * is sent to is the address that was checked: a host that is (or, at the time the socket
 * connects, resolves to) an address never allowed is refused with a
 * {@link SiteAddressRefusedError} (`CW_CONFIG`, nothing sent), not a `fetch failed` the client
 * would have to guess about.
 *
 * One Agent per resolver, kept for the process (the system resolver's is the one the engine
 * and the CLI use): keep-alive connections are pooled per origin as with the global `fetch`
 * (idle sockets do not hold the process open and close after the server's keep-alive hint);
 * every new connection resolves and checks again. Timeouts and aborts are the caller's
 * `AbortSignal` (the client's per-request deadline), as with the global `fetch`.
 */
import { Agent, buildConnector, fetch as undiciFetch, type RequestInit } from "undici";
import { blockedAddressReason } from "./blocked-address.js";
import {
  checkedLookup,
  SiteAddressRefusedError,
  systemLookup,
  type AddressLookup,
} from "./site-address-guard.js";

/** Options of {@link createNetworkFetch}. */
export interface NetworkFetchOptions {
  /** Resolver of the sockets (default: the system's `dns.lookup`). */
  readonly lookup?: AddressLookup;
  /** Called with each refusal before it is thrown (log it). */
  readonly onRefused?: (error: SiteAddressRefusedError) => void;
}

const agents = new WeakMap<AddressLookup, Agent>();

/**
 * A `fetch` over the network whose connections are address-checked.
 *
 * @example
 * const fetch = createNetworkFetch({ onRefused: (e) => log.warn(e.message) });
 * await fetch("https://psa.example.com/login/companyinfo/acme"); // throws SiteAddressRefusedError if it resolves to 169.254.x.x
 */
export function createNetworkFetch(options: NetworkFetchOptions = {}): typeof fetch {
  const dispatcher = networkAgent(options.lookup ?? systemLookup);
  return async function networkFetch(input, init) {
    try {
      const [url, requestInit] = requestArgs(input, init);
      return await undiciFetch(url, { ...requestInit, dispatcher });
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === undefined) throw error;
      options.onRefused?.(refusal);
      throw refusal;
    }
  };
}

/**
 * The process's Agent for `lookup` (created on first use).
 *
 * @example
 * await undici.fetch(url, { dispatcher: networkAgent(systemLookup) });
 */
export function networkAgent(lookup: AddressLookup): Agent {
  const known = agents.get(lookup);
  if (known !== undefined) return known;
  const connect = buildConnector({ lookup: checkedLookup(lookup) });
  const agent = new Agent({
    connect: (options, callback) => {
      const refusal = literalRefusal(options.hostname);
      if (refusal === undefined) connect(options, callback);
      else callback(refusal, null);
    },
  });
  agents.set(lookup, agent);
  return agent;
}

/** An IP-literal host never allowed (sockets skip `lookup` for those). */
function literalRefusal(hostname: string): SiteAddressRefusedError | undefined {
  const bare = hostname.replace(/^\[|\]$/g, "");
  const reason = blockedAddressReason(bare);
  if (reason === undefined || reason === "not an IP address") return undefined;
  return new SiteAddressRefusedError(bare.includes(":") ? `[${bare}]` : bare, bare, reason);
}

/** The refusal behind fetch's `TypeError: fetch failed`, if that is what failed. */
function refusalOf(error: unknown): SiteAddressRefusedError | undefined {
  if (error instanceof SiteAddressRefusedError) return error;
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof SiteAddressRefusedError ? cause : undefined;
}

/** undici's fetch takes a URL and an init; a global `Request` is spelled out as both. */
function requestArgs(
  input: Parameters<typeof fetch>[0],
  init: Parameters<typeof fetch>[1],
): [string | URL, RequestInit] {
  // The global fetch's init is undici's (another copy of its types): the same fields.
  const own = (init ?? {}) as unknown as RequestInit;
  if (!(input instanceof Request)) return [input, own];
  const body = input.body === null ? {} : { body: input.body, duplex: "half" as const };
  const fromRequest: RequestInit = {
    method: input.method,
    headers: [...input.headers],
    signal: input.signal,
    redirect: input.redirect,
    ...body,
  };
  return [input.url, { ...fromRequest, ...own }];
}
