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
import type { TenantScope } from "../store/tenant-scope.js";

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
}

/** A job handler: idempotent (jobs run at least once). */
export type JobHandler = (ctx: AppContext, job: Job) => Promise<void>;

/** Job kinds → handlers; each feature module exports one of these and the root merges them. */
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/** Queue priorities: alert work runs before bulk sync work. */
export const JOB_PRIORITY = { alert: 0, sync: 10, maintenance: 20 } as const;
