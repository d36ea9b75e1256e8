/**
 * Builds a `createConnectWise` client for a connection (saved or ad hoc): SSRF site policy (and
 * the network transport that checks the address each connection is made to), events-log hooks,
 * the enable-toggle guard (checked as each write attempt leaves), the shared per-connection
 * limiter, cached codebase.
 */
import {
  createConnectWise,
  InMemoryLimiter,
  type ConnectWise,
  type RequestLimiter,
  type RetryOptions,
  type ThrottleOptions,
  type TimeoutOptions,
} from "@cwbridge/connectwise";
import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { SecretRegistry } from "../logger.js";
import { connectionSecrets } from "../secrets/index.js";
import type { Database } from "../store/schema.js";
import { siteNotAllowed } from "./errors.js";
import {
  createRequestLogging,
  type EventsLogWriter,
  type ForbiddenEvent,
} from "./request-log-plugin.js";
import { createNetworkFetch } from "./network-transport.js";
import type { AddressLookup } from "./site-address-guard.js";
import { checkSitePolicy } from "./site-policy.js";

/** Plaintext description of a client (never logged). */
export interface ConnectionClientSpec {
  /** null for an unsaved connection (e.g. testing credentials before adding them). */
  readonly connectionId: string | null;
  /** The tenant of a saved connection. */
  readonly tenant?: string;
  readonly site: string;
  readonly companyId: string;
  readonly publicKey: string;
  readonly privateKey: string;
  readonly clientId: string;
  readonly apiVersion?: string;
  readonly codebase?: string | null;
  readonly allowOnPrem: boolean;
  readonly allowInsecure: boolean;
  readonly maxConcurrent?: number;
  readonly ratePerSecond?: number;
}

/** Client knobs the engine (or a test) sets for every client. */
export interface ClientTuning {
  readonly retry?: RetryOptions | false;
  readonly throttle?: Omit<ThrottleOptions, "limiter"> | false;
  readonly timeoutMs?: number | TimeoutOptions;
}

/** What building a client needs. */
export interface BuildClientDeps {
  readonly db: Kysely<Database>;
  readonly log: Logger;
  readonly secrets: SecretRegistry;
  readonly now: () => Date;
  /**
   * Transport (tests: the in-process emulator's), used as is. Default: the network
   * (`network-transport.ts`: undici, every connection's address checked as it connects).
   */
  readonly fetch?: typeof fetch;
  /** Resolver of the network transport's sockets (default: the system's `dns.lookup`). */
  readonly lookup?: AddressLookup;
  readonly tuning?: ClientTuning;
  readonly jobId: () => string | null;
  readonly limiter?: RequestLimiter;
  readonly onCodebase?: (codebase: string) => Promise<void>;
  readonly onForbidden?: (event: ForbiddenEvent) => Promise<void>;
  /** The enable toggle, read inside the transaction that logs each write attempt. */
  readonly isEnabled?: (db: Kysely<Database>) => Promise<boolean>;
  /** How events-log rows are written (default: a durable transaction on `db`). */
  readonly logWrite?: EventsLogWriter;
}

/**
 * A limiter for a connection (share it between every client of that connection).
 *
 * @example
 * const limiter = createConnectionLimiter({ maxConcurrent: 4 }, tuning);
 */
export function createConnectionLimiter(
  spec: Pick<ConnectionClientSpec, "maxConcurrent" | "ratePerSecond">,
  tuning: ClientTuning = {},
): RequestLimiter | undefined {
  if (tuning.throttle === false) return undefined;
  return new InMemoryLimiter({
    ...tuning.throttle,
    ...(spec.maxConcurrent === undefined ? {} : { maxConcurrent: spec.maxConcurrent }),
    ...(spec.ratePerSecond === undefined ? {} : { ratePerSecond: spec.ratePerSecond }),
  });
}

/**
 * A client for a connection. Throws `CWB_ERR_CONNECTION_SITE_NOT_ALLOWED` when the site fails
 * the SSRF policy. Registers the connection's secrets with the log redactor.
 *
 * @example
 * const cw = buildConnectionClient(spec, { db, log, secrets, now: () => new Date(), jobId: () => null });
 * await cw.system.info();
 */
export function buildConnectionClient(
  spec: ConnectionClientSpec,
  deps: BuildClientDeps,
): ConnectWise {
  const issues = checkSitePolicy(spec);
  if (issues.length > 0) throw siteNotAllowed(issues);
  deps.secrets.add([...connectionSecrets(spec), spec.clientId]);
  const tuning = deps.tuning ?? {};
  const logging = createRequestLogging({
    db: deps.db,
    connectionId: spec.connectionId,
    jobId: deps.jobId,
    redact: deps.secrets.redact,
    log: deps.log,
    now: deps.now,
    ...(deps.onCodebase === undefined ? {} : { onCodebase: deps.onCodebase }),
    ...(deps.onForbidden === undefined ? {} : { onForbidden: deps.onForbidden }),
    ...(deps.isEnabled === undefined ? {} : { isEnabled: deps.isEnabled }),
    ...(deps.logWrite === undefined ? {} : { write: deps.logWrite }),
  });
  const limiter = deps.limiter ?? createConnectionLimiter(spec, tuning);
  return createConnectWise({
    site: spec.site,
    companyId: spec.companyId,
    publicKey: spec.publicKey,
    privateKey: spec.privateKey,
    clientId: spec.clientId,
    allowInsecure: spec.allowInsecure,
    ...(spec.apiVersion === undefined ? {} : { apiVersion: spec.apiVersion }),
    ...(spec.codebase === undefined || spec.codebase === null ? {} : { codebase: spec.codebase }),
    ...(tuning.timeoutMs === undefined ? {} : { timeoutMs: tuning.timeoutMs }),
    fetch: logging.wrapFetch(transportOf(spec, deps)),
    log: clientLogger(deps.log),
    hooks: logging.hooks,
    retry: tuning.retry ?? {},
    throttle: limiter === undefined ? false : { limiter },
  });
}

/** The fetch to send with: a test's, else the network with its address check. */
function transportOf(spec: ConnectionClientSpec, deps: BuildClientDeps): typeof fetch {
  if (deps.fetch !== undefined) return deps.fetch;
  return createNetworkFetch({
    ...(deps.lookup === undefined ? {} : { lookup: deps.lookup }),
    onRefused: (error) =>
      deps.log.warn(
        { connectionId: spec.connectionId, host: error.host, address: error.address },
        `request refused: ${error.message}`,
      ),
  });
}

/** The client's (message, fields) logger calls, on pino's (fields, message) shape. */
function clientLogger(log: Logger): {
  debug(message: string, fields?: unknown): void;
  info(message: string, fields?: unknown): void;
  warn(message: string, fields?: unknown): void;
  error(message: string, fields?: unknown): void;
} {
  const at =
    (level: "debug" | "info" | "warn" | "error") =>
    (message: string, fields?: unknown): void => {
      log[level]({ connectwise: fields ?? null }, message);
    };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}
