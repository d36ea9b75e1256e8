/**
 * Codebase discovery (`GET {origin}/login/companyinfo/{companyId}`, unauthenticated) and a
 * per-client cache: concurrent first calls share one discovery, failures are not cached, and
 * `refresh()` (after a 404) re-discovers at most once per cool-down.
 */
import {
  ConnectWiseRequestError,
  ConnectWiseUnknownCompanyError,
  type RedactedRequest,
} from "./errors.js";
import { normalizeCodebase } from "./options.js";
import { sendHttp } from "./transport.js";

/** What discovery needs. */
export interface DiscoveryOptions {
  readonly fetch: typeof fetch;
  readonly origin: string;
  readonly companyId: string;
  readonly timeoutMs: number;
  readonly userAgent?: string;
}

/**
 * The company's codebase, e.g. `v2025_1/`.
 *
 * @example
 * await discoverCodebase({ fetch, origin: "https://api-na.myconnectwise.net", companyId: "acme", timeoutMs: 60_000 });
 */
export async function discoverCodebase(options: DiscoveryOptions): Promise<string> {
  const url = `${options.origin}/login/companyinfo/${encodeURIComponent(options.companyId)}`;
  const request: RedactedRequest = { method: "GET", url };
  const response = await sendHttp({
    fetch: options.fetch,
    url,
    headers: {
      accept: "application/json",
      ...(options.userAgent ? { "user-agent": options.userAgent } : {}),
    },
    timeoutMs: options.timeoutMs,
    request,
    idempotent: true,
  });
  const { data } = response;
  if (data === null || data === undefined) {
    throw new ConnectWiseUnknownCompanyError({
      message: `ConnectWise does not know company "${options.companyId}" on ${options.origin} (companyinfo returned null). Check companyId and site.`,
      request,
      status: response.status,
    });
  }
  const codebase = typeof data === "object" && "Codebase" in data ? data.Codebase : undefined;
  if (typeof codebase !== "string" || codebase.trim() === "") {
    throw new ConnectWiseRequestError({
      message: `${url} did not return a Codebase: is ${options.origin} a ConnectWise site?`,
      request,
      status: response.status,
    });
  }
  return normalizeCodebase(codebase);
}

/** A per-client codebase cache. */
export interface CodebaseResolver {
  /** The cached codebase, discovering it on first use. */
  get(): Promise<string>;
  /**
   * The codebase `get()` would resolve to, when that is already known (fixed, or discovered
   * and not being re-discovered); `undefined` otherwise. Lets the hot path skip an `await`.
   */
  peek(): string | undefined;
  /** Re-discovers (at most once per cool-down); true when the codebase changed. */
  refresh(): Promise<boolean>;
}

/**
 * A cache over `discover`; a fixed codebase is returned as is and never refreshed.
 *
 * @example
 * const codebase = createCodebaseResolver({ discover: () => discoverCodebase(opts) });
 * await codebase.get(); // "v2025_1/"
 */
export function createCodebaseResolver(options: {
  readonly fixed?: string | undefined;
  readonly discover: () => Promise<string>;
  readonly refreshCooldownMs?: number;
  readonly now?: () => number;
}): CodebaseResolver {
  const { fixed, discover } = options;
  const now = options.now ?? Date.now;
  const cooldown = options.refreshCooldownMs ?? 60_000;
  let current: Promise<string> | undefined =
    fixed === undefined ? undefined : Promise.resolve(fixed);
  /** What `current` resolved to, while `current` is settled and fulfilled. */
  let settled: string | undefined = fixed;
  let refreshing: Promise<boolean> | undefined;
  let lastRefresh = Number.NEGATIVE_INFINITY;

  const load = (): Promise<string> => {
    const attempt = discover();
    current = attempt;
    settled = undefined;
    attempt.then(
      (value) => {
        if (current === attempt) settled = value;
      },
      () => {
        if (current === attempt) current = undefined;
      },
    );
    return attempt;
  };
  const get = (): Promise<string> => current ?? load();
  const peek = (): string | undefined => settled;
  const refresh = (): Promise<boolean> => {
    if (fixed !== undefined) return Promise.resolve(false);
    if (refreshing) return refreshing;
    if (now() - lastRefresh < cooldown) return Promise.resolve(false);
    lastRefresh = now();
    const before = current;
    refreshing = (async () => {
      const previous = await before?.catch(() => undefined);
      const next = await load();
      return next !== previous;
    })().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };
  return { get, peek, refresh };
}
