/**
 * The engine's shared context: what every service and job handler receives.
 * Built once by the composition root (`create-engine.ts`) and passed down; services never
 * open stores, read env or build clients themselves.
 */
import type { ConnectWise } from "@cwbridge/connectwise";
import type { Logger as PinoLogger } from "pino";
import type { Config } from "../config.js";
import type { Job, JobQueue } from "../queue/port.js";
import type { Keyring } from "../secrets/index.js";
import type { Store } from "../store/open-store.js";
import type { TenantDb, TenantScope, TenantTx } from "../store/tenant-scope.js";

/** Wall clock, injectable for tests. */
export interface AppClock {
  now(): Date;
}

/** Builds (and caches) the ConnectWise client of a connection. */
export interface ClientProvider {
  /**
   * The client of a connection. Every request it sends is written to the events log
   * (`request_log`) with the connection id and, when given, the job id. Writes
   * (POST/PUT/PATCH/DELETE) throw `CWB_ERR_CONNECTION_DISABLED` while the connection is
   * disabled — checked as each attempt is about to leave — so nothing reaches ConnectWise
   * before the user enables it, and nothing new after a disable committed.
   */
  forConnection(
    connectionId: string,
    options?: {
      readonly jobId?: string | undefined;
      /** Refuse (`CWB_ERR_CONNECTION_NOT_FOUND`) a connection of another tenant. */
      readonly tenant?: string | undefined;
    },
  ): Promise<ConnectWise>;
  /** Drops cached clients of a connection (after its settings or keys change). */
  invalidate(connectionId: string): void;
}

export interface AppContext {
  readonly config: Config;
  /** The tenant every use case and job of this context works in (`default` unless chosen). */
  readonly tenant: string;
  /** The tenant-scoped handle repositories query through. */
  readonly scope: TenantScope;
  /** The whole store (adapters and migrations; features go through `scope`). */
  readonly store: Store;
  readonly queue: JobQueue;
  readonly keyring: Keyring;
  readonly clients: ClientProvider;
  readonly clock: AppClock;
  readonly log: PinoLogger;
  /** Calls into features that depend on the caller's feature ({@link FeatureLinks}). */
  readonly links: FeatureLinks;
}

/** The (source, companies) whose device sync a mapping change calls for. */
export interface DeviceSyncRequest {
  readonly sourceId: string;
  readonly connectionId: string;
  readonly companyIds: Iterable<number>;
}

/**
 * Links: the calls a feature makes into a feature that already depends on it. Features import
 * each other one way only (through `index.ts`, no cycles): devices reads the customers'
 * mappings, alerts reads connections, so customers cannot import devices and connections cannot
 * import alerts. Where the lower feature must still reach the upper one, it calls a link on the
 * context instead; `app/features.ts` (`FEATURE_LINKS`) wires each link to the owning feature's
 * function, and `openApp` puts them on every context. Each link names the feature that
 * implements it.
 */
export interface FeatureLinks {
  /**
   * devices (`enqueueDeviceSync`): queues the device sync of these partitions inside `tx`
   * (outbox). Customers calls it when a mapping changes.
   */
  enqueueDeviceSync(ctx: AppContext, tx: TenantTx, request: DeviceSyncRequest): Promise<unknown>;
  /**
   * alerts (`countConnectionIncidents`): how many incidents reference a connection.
   * Connections refuses to remove a connection while any do.
   */
  countConnectionIncidents(db: TenantDb, connectionId: string): Promise<number>;
  /**
   * sources (`connectionHasSources`): whether any source sends to a connection. Connections
   * queues the customer matching on save when one does.
   */
  connectionHasSources(db: TenantDb, connectionId: string): Promise<boolean>;
}

/** A job handler: idempotent (jobs run at least once). */
export type JobHandler = (ctx: AppContext, job: Job) => Promise<void>;

/** Job kinds → handlers; each feature module exports one of these and the root merges them. */
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/** Queue priorities: alert work runs before bulk sync work. */
export const JOB_PRIORITY = { alert: 0, sync: 10, maintenance: 20 } as const;
