/**
 * Public types of the ConnectWise emulator: options, fault profile, ledger, seed data.
 */

import type { TABLE_ENTITY } from "./table-entities.js";

/** A plain ConnectWise entity as the API returns it (without `_info`, which the emulator stamps). */
export type Entity = { id: number } & Record<string, unknown>;

/**
 * The tables the emulator keeps. Entities are stored in ConnectWise's GET shape;
 * reference fields are `{ id, name? | identifier? }`. Children carry their parent link:
 * sites/contacts/configurations `company: {id}`, board statuses/types/subtypes/items
 * `board: {id}`, ticket notes `ticketId`, ticket configurations `{ ticketId, configurationId }`,
 * agreement additions `agreementId`, security role settings `roleId`; security roles keep their
 * "Customize" lists as `customizeItems: [{customizeIdentifier, itemIdentifier}]` (served by
 * `/system/mySecurity/customizeItems`, hidden elsewhere). One table per entry of
 * `TABLE_ENTITY` (`table-entities.ts`).
 */
export type TableName = keyof typeof TABLE_ENTITY;

/** An API key pair that authenticates as a member (API member or full member). */
export interface SeedApiKey {
  readonly publicKey: string;
  readonly privateKey: string;
  /** `identifier` of a row in `members` or `apiMembers`. */
  readonly memberIdentifier: string;
}

/** Everything a seed provides. */
export interface SeedData {
  /** The login company id (`companyinfo/{companyId}`, first part of Basic auth). */
  readonly companyId: string;
  /** Codebase returned by companyinfo, e.g. `v2025_1/`. `v4_6_release/` is always served too. */
  readonly codebase: string;
  /** clientIds the emulator accepts. */
  readonly clientIds: readonly string[];
  readonly apiKeys: readonly SeedApiKey[];
  readonly tables: Partial<Record<TableName, readonly Entity[]>>;
}

/** Fault probabilities are per request, drawn from the seeded PRNG. */
export interface FaultProfile {
  /** Base latency per request (ms) and extra per returned row (ms). */
  readonly latencyMs?: number;
  readonly latencyPerRowMs?: number;
  /** 429 with Retry-After. */
  readonly rateLimit?: {
    readonly probability?: number;
    /** Sustained requests/second per credential (token bucket); 429 beyond it. */
    readonly rps?: number;
    readonly burst?: number;
    /** Retry-After seconds: fixed or [min, max]. Default 1. */
    readonly retryAfterSeconds?: number | readonly [number, number];
    /** Header as seconds, as an HTTP date, only in the body message, or mixed. Default seconds. */
    readonly format?: "seconds" | "http-date" | "body" | "mixed";
  };
  /** 500 with ConnectWise's timeout body, before anything is changed. */
  readonly serverTimeout?: { readonly probability: number };
  /** Writes only: the change is committed, then the reply is a 500 timeout / 504 / reset. */
  readonly commitThenTimeout?: { readonly probability: number };
  /** Connection reset before the request is processed. */
  readonly reset?: { readonly probability: number };
}

/** One line of the ledger: every request and every state change, in order. */
export type LedgerEntry =
  | {
      readonly kind: "request";
      readonly seq: number;
      readonly at: string;
      readonly requestId: string;
      readonly method: string;
      /**
       * Path below `/{codebase}/apis/3.0`, lower-cased, e.g. `/service/tickets`; requests outside
       * the API (e.g. `/login/companyinfo/demo`) carry their full lower-cased path.
       */
      readonly path: string;
      readonly query: Readonly<Record<string, string>>;
      readonly status: number;
      /** The fault injected, if any. */
      readonly fault?: "rate-limit" | "server-timeout" | "commit-then-timeout" | "reset";
      /** A 429 answered because the credential called again inside a Retry-After window it was given. */
      readonly withinRetryAfter?: boolean;
      readonly memberIdentifier?: string;
      readonly rows?: number;
    }
  | {
      readonly kind: "change";
      readonly seq: number;
      readonly at: string;
      readonly requestId: string;
      readonly table: TableName;
      readonly op: "create" | "update" | "delete";
      readonly id: number;
      readonly before?: Entity;
      readonly after?: Entity;
    }
  | {
      readonly kind: "callback";
      readonly seq: number;
      readonly at: string;
      readonly callbackId: number;
      readonly url: string;
      readonly action: "added" | "updated" | "deleted";
      readonly type: string;
      readonly recordId: number;
      readonly status?: number;
    };

/** The clock the emulator stamps `_info` and dates with. */
export interface Clock {
  now(): Date;
}

export interface EmulatorOptions {
  /** `demo` (default), `empty`, or your own data. */
  readonly seed?: "demo" | "empty" | SeedData;
  /** Seed of the PRNG that drives faults and jitter (default 1). */
  readonly randomSeed?: number;
  readonly clock?: Clock;
  readonly faults?: FaultProfile;
  /** Public base URL used in `Link` headers and `_info` hrefs (set by `listen`). */
  readonly baseUrl?: string;
  /** Where callbacks are delivered (default global fetch); tests pass an in-process fetch. */
  readonly callbackFetch?: typeof fetch;
  /** Keep at most this many ledger entries, dropping the oldest (default unlimited; the bin uses 100,000). */
  readonly ledgerLimit?: number;
}

export interface ListenOptions {
  readonly port?: number;
  readonly host?: string;
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
}

/** Credentials of the seed's demo API member, as `cw-emulator --json` prints them. */
export interface EmulatorCredentials {
  readonly url: string;
  readonly codebase: string;
  readonly companyId: string;
  readonly publicKey: string;
  readonly privateKey: string;
  readonly clientId: string;
}

export interface Emulator {
  /** In-process handler: pass it as the client's `fetch`. Base URL `http://cw.emulator`. */
  readonly fetch: typeof fetch;
  listen(options?: ListenOptions): Promise<{ url: string; close(): Promise<void> }>;
  /** The demo API member's credentials (url is the in-process base until `listen`). */
  readonly credentials: EmulatorCredentials;
  readonly ledger: {
    entries(): readonly LedgerEntry[];
    requests(): readonly Extract<LedgerEntry, { kind: "request" }>[];
    changes(): readonly Extract<LedgerEntry, { kind: "change" }>[];
    clear(): void;
  };
  /** Current rows of a table (deep copies). */
  table(name: TableName): Entity[];
  setFaults(profile: FaultProfile): void;
  close(): Promise<void>;
}
