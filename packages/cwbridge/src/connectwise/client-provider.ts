/**
 * The engine's `ClientProvider`: one ConnectWise client per connection, built from its row
 * (private key and clientId decrypted with the keyring), cached until `invalidate(id)` or until
 * its row changes (keys, site, company, settings — e.g. `connections update` in another
 * process): every `forConnection` compares the row's fingerprint (one primary-key read).
 *
 * - Every request attempt is appended to `request_log` (see `request-log-plugin.ts`) with the
 *   connection id and the job id: the job the caller runs in (`engine/job-scope.ts`); a
 *   `forConnection(id, { jobId })` naming another job gets a client bound to that id (inside
 *   the named job's own scope it gets the shared client, so jobs build no clients).
 * - Writes throw `CWB_ERR_CONNECTION_DISABLED` instead of being sent while the connection is
 *   disabled: the flag is read from the store right before each write attempt leaves (after
 *   the throttle's queue and any retry backoff), in the transaction that logs the attempt, so
 *   a toggle committed by another process stops every write that has not yet been logged
 *   `sending`.
 * - The discovered codebase is persisted back into the row (and reused on the next start).
 * - A 403 records the feature and enqueues a `permissions-check` job (`forbidden.ts`).
 * - All clients of a connection share one limiter (concurrency / rate from its settings).
 * - If a token was encrypted under a key this process does not know (the CLI rotated the
 *   keys meanwhile), the keyring is reloaded once.
 */
import type { ConnectWise, RequestLimiter } from "@cwbridge/connectwise";
import type { Logger } from "pino";
import type { ClientProvider, AppClock } from "../core/context.js";
import { currentJobId } from "../core/job-scope.js";
import type { SecretRegistry } from "../logger.js";
import type { JobQueue } from "../queue/port.js";
import { SecretsError, type Keyring } from "../secrets/index.js";
import type { Store } from "../store/open-store.js";
import { readSettings, type ConnectionRow } from "../features/connections/repository.js";
import {
  buildConnectionClient,
  createConnectionLimiter,
  type ClientTuning,
  type ConnectionClientSpec,
} from "./build-client.js";
import { openConnectionSecret } from "./connection-secrets.js";
import {
  connectionColumnsById,
  connectionRowById,
  isConnectionEnabled,
  saveConnectionCodebase,
} from "./connection-rows.js";
import { connectionNotFound } from "./errors.js";
import { recordForbidden } from "./forbidden.js";

/** Dependencies of {@link createClientProvider}. */
export interface ClientProviderDeps {
  readonly store: Store;
  readonly queue: JobQueue;
  readonly log: Logger;
  readonly secrets: SecretRegistry;
  readonly clock: AppClock;
  /** The current keyring (it changes after a rotation). */
  readonly keyring: () => Keyring;
  /** Re-reads the keyring (file) after an unknown key id; optional. */
  readonly reloadKeyring?: () => Promise<Keyring>;
  /** Transport (tests: `emulator.fetch`). */
  readonly fetch?: typeof fetch;
  /** Retry/throttle/timeout knobs for every client. */
  readonly tuning?: ClientTuning;
}

/** The provider the engine builds: the port plus ad-hoc clients (connection tests). */
export interface AppClientProvider extends ClientProvider {
  /**
   * A fresh client for a spec (saved or unsaved connection), not cached; `tuning` overrides
   * the provider's (e.g. `{ retry: false }` for a connection test).
   */
  forSpec(spec: ConnectionClientSpec, options?: { readonly tuning?: ClientTuning }): ConnectWise;
  /** The plaintext spec of a saved connection (decrypts; never log it). */
  specOf(connectionId: string): Promise<ConnectionClientSpec>;
}

interface CacheEntry {
  readonly client: ConnectWise;
  readonly spec: ConnectionClientSpec;
  readonly limiter: RequestLimiter | undefined;
  /** {@link fingerprintOf} the row the client was built from. */
  readonly fingerprint: string;
}

/** The columns a client is built from (not the codebase, which the client itself persists). */
const FINGERPRINT_COLUMNS = [
  "site",
  "company_id",
  "public_key",
  "private_key_enc",
  "client_id",
  "api_version",
  "allow_insecure",
  "settings_json",
] as const;

type FingerprintRow = Pick<ConnectionRow, (typeof FINGERPRINT_COLUMNS)[number]>;

function fingerprintOf(row: FingerprintRow): string {
  return JSON.stringify(FINGERPRINT_COLUMNS.map((column) => row[column]));
}

/**
 * Whether a `ClientProvider` also builds ad-hoc clients (the engine's always does).
 *
 * @example
 * if (isAppClientProvider(ctx.clients)) ctx.clients.forSpec(spec);
 */
export function isAppClientProvider(provider: ClientProvider): provider is AppClientProvider {
  return "forSpec" in provider && typeof provider.forSpec === "function";
}

/**
 * The engine's client provider.
 *
 * @example
 * const clients = createClientProvider({ store, queue, log, secrets, clock, keyring: () => keyring });
 * const cw = await clients.forConnection(connectionId);
 * await cw.system.info(); // logged in request_log
 */
export function createClientProvider(deps: ClientProviderDeps): AppClientProvider {
  const cache = new Map<string, Promise<CacheEntry>>();
  const knownCodebase = new Map<string, string | null>();

  const rowOf = async (connectionId: string): Promise<ConnectionRow> => {
    const row = await connectionRowById(deps.store.db, connectionId);
    if (row === undefined) throw connectionNotFound(connectionId);
    return row;
  };

  const specOf = async (connectionId: string): Promise<ConnectionClientSpec> =>
    decryptRow(await rowOf(connectionId));

  const forget = (connectionId: string): void => {
    cache.delete(connectionId);
    knownCodebase.delete(connectionId);
  };

  const decryptRow = async (row: ConnectionRow): Promise<ConnectionClientSpec> => {
    try {
      return specFromRow(row, deps.keyring());
    } catch (error) {
      const unknownKey =
        error instanceof SecretsError && error.code === "CWB_ERR_SECRETS_UNKNOWN_KEY";
      if (!unknownKey || deps.reloadKeyring === undefined) throw error;
      return specFromRow(row, await deps.reloadKeyring());
    }
  };

  const persistCodebase = (connectionId: string) => async (codebase: string) => {
    if (knownCodebase.get(connectionId) === codebase) return;
    knownCodebase.set(connectionId, codebase);
    await saveConnectionCodebase(deps.store.db, connectionId, codebase);
  };

  const build = (
    spec: ConnectionClientSpec,
    options: {
      readonly jobId?: string;
      readonly limiter?: RequestLimiter | undefined;
      readonly tuning?: ClientTuning;
    },
  ): ConnectWise => {
    const id = spec.connectionId;
    if (id !== null && !knownCodebase.has(id)) knownCodebase.set(id, spec.codebase ?? null);
    const tuning = options.tuning ?? deps.tuning;
    return buildConnectionClient(spec, {
      db: deps.store.db,
      logWrite: (fn) => deps.store.transaction(fn, { durability: "relaxed" }),
      log: deps.log,
      secrets: deps.secrets,
      now: () => deps.clock.now(),
      ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
      ...(tuning === undefined ? {} : { tuning }),
      ...(options.limiter === undefined ? {} : { limiter: options.limiter }),
      jobId: () => options.jobId ?? currentJobId() ?? null,
      ...(id === null
        ? {}
        : {
            onCodebase: persistCodebase(id),
            onForbidden: async (event) => {
              const record = await recordForbidden(
                {
                  store: deps.store,
                  queue: deps.queue,
                  now: () => deps.clock.now(),
                  ...(spec.tenant === undefined ? {} : { tenant: spec.tenant }),
                },
                event,
              );
              deps.log.warn(
                {
                  connectionId: id,
                  method: record.method,
                  path: record.path,
                  features: record.features,
                },
                "ConnectWise refused a request (403): permission check scheduled",
              );
            },
            isEnabled: (tx) => isConnectionEnabled(tx, id, deps.store.dialect),
          }),
    });
  };

  const currentFingerprint = async (connectionId: string): Promise<string | undefined> => {
    const row = await connectionColumnsById(deps.store.db, connectionId, FINGERPRINT_COLUMNS);
    return row === undefined ? undefined : fingerprintOf(row);
  };

  /** The cached entry while its row is unchanged; else a new one. */
  const freshEntry = async (connectionId: string): Promise<CacheEntry> => {
    const cached = cache.get(connectionId);
    if (cached === undefined) return entryFor(connectionId);
    const [entry, fingerprint] = await Promise.all([cached, currentFingerprint(connectionId)]);
    if (fingerprint === entry.fingerprint) return entry;
    if (cache.get(connectionId) === cached) forget(connectionId);
    return entryFor(connectionId);
  };

  const entryFor = (connectionId: string): Promise<CacheEntry> => {
    let entry = cache.get(connectionId);
    if (entry === undefined) {
      entry = (async () => {
        const row = await rowOf(connectionId);
        const spec = await decryptRow(row);
        const limiter = createConnectionLimiter(spec, deps.tuning);
        return { spec, limiter, client: build(spec, { limiter }), fingerprint: fingerprintOf(row) };
      })();
      void entry.catch(() => cache.delete(connectionId));
      cache.set(connectionId, entry);
    }
    return entry;
  };

  return {
    async forConnection(connectionId, options = {}) {
      const entry = await freshEntry(connectionId);
      if (options.tenant !== undefined && entry.spec.tenant !== options.tenant) {
        throw connectionNotFound(connectionId);
      }
      // Inside the job's own scope the shared client already logs the job id: no client per job.
      if (options.jobId === undefined || options.jobId === currentJobId()) return entry.client;
      const spec = { ...entry.spec, codebase: knownCodebase.get(connectionId) ?? null };
      return build(spec, { jobId: options.jobId, limiter: entry.limiter });
    },
    invalidate: forget,
    forSpec(spec, options = {}) {
      return build(spec, options.tuning === undefined ? {} : { tuning: options.tuning });
    },
    specOf,
  };
}

/**
 * The plaintext spec of a row (decrypts the private key and clientId).
 *
 * @example
 * const spec = specFromRow(row, keyring);
 */
export function specFromRow(row: ConnectionRow, keyring: Keyring): ConnectionClientSpec {
  const { settings, allowOnPrem } = readSettings(row.settings_json);
  return {
    connectionId: row.id,
    tenant: row.tenant,
    site: row.site,
    companyId: row.company_id,
    publicKey: row.public_key,
    privateKey: openConnectionSecret(keyring, row.id, "privateKey", row.private_key_enc),
    clientId: openConnectionSecret(keyring, row.id, "clientId", row.client_id),
    apiVersion: row.api_version,
    codebase: row.codebase,
    allowOnPrem,
    allowInsecure: row.allow_insecure === 1,
    ...(settings.maxConcurrent === undefined ? {} : { maxConcurrent: settings.maxConcurrent }),
    ...(settings.ratePerSecond === undefined ? {} : { ratePerSecond: settings.ratePerSecond }),
  };
}
