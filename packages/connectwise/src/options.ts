/**
 * Client options: the public `ConnectWiseOptions`, their defaults, and the loud validation that
 * runs at construction (`ConnectWiseConfigError`, code `CW_CONFIG`).
 */
import type { ConnectWiseCredentials } from "./auth.js";
import { ConnectWiseConfigError } from "./errors.js";
import type { ConnectWiseHooks } from "./hooks.js";
import type { CloudRegion } from "./sites.js";
import { resolveSiteOrigin } from "./sites.js";
import type { Logger } from "./types.js";
import { VERSION } from "./version.js";

/** Per-direction timeouts (ms). */
export interface TimeoutOptions {
  /** GET requests; default 60 000. */
  readonly read?: number;
  /** POST/PUT/PATCH/DELETE; default 120 000 (ticket creates can be slow). */
  readonly write?: number;
}

/**
 * Options of `createConnectWise()` and `createConnectWiseCore()`: the kernel's own options.
 * Plugins add theirs by module augmentation, so this file knows no plugin, e.g. the retry
 * plugin (`plugins/retry.ts`):
 *
 * @example
 * declare module "../options.js" {
 *   interface ConnectWiseOptions {
 *     readonly retry?: RetryOptions | false;
 *   }
 * }
 */
export interface ConnectWiseOptions {
  /** Cloud region (`na`, `eu`, `au`, `aus`, `za`, `staging`) or an on-prem / emulator origin URL. */
  readonly site: CloudRegion | (string & {});
  /** The login company id (first part of Basic auth and of `companyinfo/{companyId}`). */
  readonly companyId: string;
  readonly publicKey: string;
  readonly privateKey: string;
  /** Your integration's clientId GUID from developer.connectwise.com. */
  readonly clientId: string;
  /** Model version pinned in `Accept`; default `2025.16`. */
  readonly apiVersion?: string;
  /** Codebase such as `v2025_1/`; discovered from `companyinfo` when omitted. */
  readonly codebase?: string;
  /** One number for every call, or `{ read, write }`. */
  readonly timeoutMs?: number | TimeoutOptions;
  /** Transport; default `globalThis.fetch`. Pass `emulator.fetch` in tests. */
  readonly fetch?: typeof fetch;
  /** Any logger with debug/info/warn/error (pino, console); missing methods are filled in. */
  readonly log?: Partial<Logger>;
  readonly hooks?: ConnectWiseHooks;
  readonly userAgent?: string;
  /** Allow a plain `http:` site that is not loopback (e.g. the in-process emulator). */
  readonly allowInsecure?: boolean;
}

/** Options after validation and defaults. Holds credentials: never log it. */
export interface ResolvedOptions {
  readonly origin: string;
  readonly credentials: ConnectWiseCredentials;
  readonly apiVersion: string;
  readonly codebase: string | undefined;
  readonly timeouts: { readonly read: number; readonly write: number };
  readonly fetch: typeof fetch;
  readonly log: Logger;
  readonly hooks: ConnectWiseHooks;
  readonly userAgent: string;
}

export const DEFAULT_API_VERSION = "2025.16";
export const DEFAULT_TIMEOUTS = { read: 60_000, write: 120_000 } as const;

const EXAMPLE = `Example: createConnectWise({ site: "na", companyId: "mycompany", publicKey: "<public key>", privateKey: "<private key>", clientId: "<clientId GUID>" })`;

/**
 * Validates options and fills in defaults; throws `ConnectWiseConfigError` with a correct call.
 *
 * @example
 * const resolved = resolveOptions({ site: "na", companyId: "acme", publicKey: "p", privateKey: "s", clientId: "c" });
 */
export function resolveOptions(options: ConnectWiseOptions): ResolvedOptions {
  if (typeof options !== "object" || options === null) fail("options object is required");
  const site = requireString(options, "site");
  const credentials: ConnectWiseCredentials = {
    companyId: requireString(options, "companyId"),
    publicKey: requireString(options, "publicKey"),
    privateKey: requireString(options, "privateKey"),
    clientId: requireString(options, "clientId"),
  };
  if (/[\s+:]/.test(credentials.companyId)) fail("companyId must not contain spaces, '+' or ':'");
  if (credentials.publicKey.includes(":")) fail("publicKey must not contain ':'");
  const fetchFn = options.fetch ?? globalThis.fetch;
  if (typeof fetchFn !== "function") fail("fetch must be a function (Node 20 has a global fetch)");
  return {
    origin: resolveSiteOrigin(site, options.allowInsecure ? { allowInsecure: true } : {}),
    credentials,
    apiVersion: resolveApiVersion(options.apiVersion),
    codebase: options.codebase === undefined ? undefined : normalizeCodebase(options.codebase),
    timeouts: resolveTimeouts(options.timeoutMs),
    fetch: fetchFn,
    log: normalizeLogger(options.log),
    hooks: options.hooks ?? {},
    userAgent: options.userAgent ?? `cwbridge-connectwise/${VERSION}`,
  };
}

/**
 * A codebase with exactly one trailing slash and no leading one (`v2025_1/`).
 *
 * @example
 * normalizeCodebase("/v2025_1"); // "v2025_1/"
 */
export function normalizeCodebase(codebase: string): string {
  const trimmed = codebase.trim().replace(/^\/+|\/+$/g, "");
  if (!/^[A-Za-z0-9_.-]+$/.test(trimmed)) {
    fail(`codebase must look like "v2025_1/" or "v4_6_release/" (got ${JSON.stringify(codebase)})`);
  }
  return `${trimmed}/`;
}

/**
 * Fills in a logger: no-op `debug`/`info`, console `warn`/`error` (Octokit's defaults).
 *
 * @example
 * normalizeLogger(pino()); normalizeLogger({ warn: myWarn });
 */
export function normalizeLogger(log: Partial<Logger> = {}): Logger {
  const noop = (): void => undefined;
  return {
    debug: log.debug?.bind(log) ?? noop,
    info: log.info?.bind(log) ?? noop,
    warn: log.warn?.bind(log) ?? console.warn.bind(console),
    error: log.error?.bind(log) ?? console.error.bind(console),
  };
}

function resolveApiVersion(version: string | undefined): string {
  if (version === undefined) return DEFAULT_API_VERSION;
  if (typeof version !== "string" || !/^\d{4}\.\d{1,2}$/.test(version)) {
    fail(`apiVersion must look like "2025.16" (got ${JSON.stringify(version)})`);
  }
  return version;
}

function resolveTimeouts(
  timeout: number | TimeoutOptions | undefined,
): ResolvedOptions["timeouts"] {
  const { read, write } =
    typeof timeout === "number"
      ? { read: timeout, write: timeout }
      : {
          read: timeout?.read ?? DEFAULT_TIMEOUTS.read,
          write: timeout?.write ?? DEFAULT_TIMEOUTS.write,
        };
  for (const value of [read, write]) {
    if (!Number.isFinite(value) || value <= 0) fail("timeoutMs must be a positive number of ms");
  }
  return { read, write };
}

function requireString<K extends "site" | "companyId" | "publicKey" | "privateKey" | "clientId">(
  options: ConnectWiseOptions,
  key: K,
): string {
  const value: unknown = options[key];
  if (typeof value !== "string" || value.trim() === "")
    fail(`\`${key}\` is required (a non-empty string)`);
  return value;
}

function fail(problem: string): never {
  throw new ConnectWiseConfigError(`ConnectWise options: ${problem}. ${EXAMPLE}`);
}
