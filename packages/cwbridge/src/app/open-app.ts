/**
 * The composition root of the engine: opens the store (SQLite file under the data dir, or
 * PostgreSQL), runs the migrations, opens the keyring (`CWBRIDGE_MASTER_KEY`, else
 * `<dataDir>/master.key`, generated with mode 0600 on first run), picks the queue, builds
 * the logger (with by-value secret redaction) and the ConnectWise client provider, and runs
 * the queue worker that dispatches `job.kind` to the handlers it is given.
 *
 * `openApp` returns the app: the runtime plus the registry of features (`app.features`, from
 * `features.ts`). By default the worker runs every feature's job handlers; tests may pass
 * their own `handlers` map instead. The CLI, the server and the worker are built on top of the
 * app and never on each other.
 */
import type { DestinationStream, Logger } from "pino";
import type { Config } from "../config.js";
import { createClientProvider, type AppClientProvider } from "../connectwise/client-provider.js";
import type { ClientTuning } from "../connectwise/build-client.js";
import { createLogger, createSecretRegistry, type SecretRegistry } from "../logger.js";
import type { WorkerHandle } from "../queue/port.js";
import { openKeyring, readKeyFile, keyFilePath, type Keyring } from "../secrets/index.js";
import { migrateToLatest } from "../store/migrate.js";
import { openStore, type Store } from "../store/open-store.js";
import type { AppClock, AppContext, JobHandlers } from "../core/context.js";
import { dispatchJob } from "./dispatch.js";
import { appJobHandlers, FEATURE_LINKS, FEATURES, type Features } from "./features.js";
import { prepareDataDir } from "./data-dir.js";
import { EngineError } from "../core/errors.js";
import { registerKeyringSetter } from "../core/keyring-cell.js";
import { contextFor, type BaseContext } from "../core/tenant-context.js";
import { DEFAULT_EVENTS_MAX_ROWS, startMaintenance, sweepInFlightRequests } from "./maintenance.js";
import { openQueue, type QueueTuning } from "./open-queue.js";

/** Options of {@link openApp}. */
export interface OpenAppOptions {
  readonly config: Config;
  /** Job kind → handler (default: every feature's, `appJobHandlers()`; `{}`: no worker). */
  readonly handlers?: JobHandlers;
  /** Transport for ConnectWise clients (tests: `emulator.fetch`). */
  readonly fetch?: typeof fetch;
  readonly clock?: AppClock;
  /** A ready logger; default: pino at `config.logLevel` with secret redaction. */
  readonly log?: Logger;
  /** Where the default logger writes (tests capture lines); ignored when `log` is given. */
  readonly logDestination?: DestinationStream;
  /** Retry/throttle/timeout knobs of every ConnectWise client (tests: no real sleeping). */
  readonly client?: ClientTuning;
  /** Queue knobs (SQL lease and retry backoff, graphile schema); default: production values. */
  readonly queue?: QueueTuning;
  /** Run the periodic events-log pruning while started (default true). */
  readonly maintenance?: boolean;
}

/** Options of {@link App.start}. */
export interface StartOptions {
  /** Jobs run at once by this process (default 4). */
  readonly concurrency?: number;
  /** Idle poll interval of the SQL queue (ms). */
  readonly pollMs?: number;
}

/** A built engine. */
export interface App {
  readonly ctx: AppContext;
  /** The registry: every feature with its use cases and job handlers. */
  readonly features: Features;
  /** The context of another tenant (`ctx` is the configured tenant's, `default` unless set). */
  forTenant(tenant: string): AppContext;
  /** Known secret values; everything registered is scrubbed from log lines. */
  readonly secrets: SecretRegistry;
  /** Where the keyring came from: env, an existing file, or a file generated now. */
  readonly keyringSource: "env" | "file" | "generated";
  /** Starts the worker (and housekeeping). No-op worker when there are no handlers. */
  start(options?: StartOptions): Promise<void>;
  /** Stops claiming jobs and waits for running handlers. */
  stop(): Promise<void>;
  /** `stop()`, then closes the store. */
  close(): Promise<void>;
}

/**
 * Builds the engine.
 *
 * @example
 * const app = await openApp({ config: loadConfig({ env: process.env }) });
 * await engine.start({ concurrency: 4 });
 * process.on("SIGTERM", () => void engine.close());
 */
export async function openApp(options: OpenAppOptions): Promise<App> {
  const { config } = options;
  const secrets = createSecretRegistry();
  const log =
    options.log ??
    createLogger({
      level: config.logLevel,
      secrets,
      ...(options.logDestination === undefined ? {} : { destination: options.logDestination }),
    });
  await prepareDataDir(config);
  const opened = await openKeyring({
    dataDir: config.dataDir,
    ...(config.masterKey === undefined ? {} : { masterKey: config.masterKey }),
    allowInsecurePermissions: config.allowInsecureKeyFile,
  });
  if (opened.kind === "generated") {
    log.warn(
      { path: opened.path },
      "generated a new master key: back it up separately from the database (losing it loses every stored ConnectWise key)",
    );
  }
  const store = await openMigratedStore(config);
  try {
    return await assemble({
      options,
      config,
      log,
      secrets,
      store,
      keyring: opened.keyring,
      source: opened.kind,
    });
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function openMigratedStore(config: Config): Promise<Store> {
  const store = openStore(config.database);
  try {
    await migrateToLatest(store);
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}

interface AssembleInput {
  readonly options: OpenAppOptions;
  readonly config: Config;
  readonly log: Logger;
  readonly secrets: SecretRegistry;
  readonly store: Store;
  readonly keyring: Keyring;
  readonly source: App["keyringSource"];
}

async function assemble(input: AssembleInput): Promise<App> {
  const { options, config, log, secrets, store } = input;
  const clock: AppClock = options.clock ?? { now: () => new Date() };
  const queue = await openQueue(config, store, log, options.queue);
  const cell = { keyring: input.keyring };
  const clients: AppClientProvider = createClientProvider({
    store,
    queue,
    log,
    secrets,
    clock,
    keyring: () => cell.keyring,
    reloadKeyring: async () => {
      if (config.masterKey !== undefined) return cell.keyring;
      const reread = await readKeyFile(keyFilePath(config.dataDir), {
        allowInsecurePermissions: config.allowInsecureKeyFile,
      });
      if (reread !== undefined) cell.keyring = reread;
      return cell.keyring;
    },
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.client === undefined ? {} : { tuning: options.client }),
  });
  const base: BaseContext = {
    config,
    store,
    queue,
    get keyring() {
      return cell.keyring;
    },
    clients,
    clock,
    log,
    links: FEATURE_LINKS,
  };
  registerKeyringSetter(base, (keyring) => {
    cell.keyring = keyring;
  });
  return runtime({
    base,
    secrets,
    source: input.source,
    handlers: options.handlers ?? appJobHandlers(),
    maintenance: options.maintenance ?? true,
  });
}

function runtime(input: {
  readonly base: BaseContext;
  readonly secrets: SecretRegistry;
  readonly source: App["keyringSource"];
  readonly handlers: JobHandlers;
  readonly maintenance: boolean;
}): App {
  const { base, handlers } = input;
  const ctx = contextFor(base, base.config.tenant);
  let worker: WorkerHandle | undefined;
  let stopMaintenance: (() => Promise<void>) | undefined;
  let closed = false;

  const stop = async (): Promise<void> => {
    const running = worker;
    worker = undefined;
    await running?.stop();
    const halt = stopMaintenance;
    stopMaintenance = undefined;
    await halt?.();
  };

  return {
    features: FEATURES,
    ctx,
    forTenant: (tenant) => contextFor(base, tenant),
    secrets: input.secrets,
    keyringSource: input.source,
    async start(startOptions = {}) {
      if (closed) throw new EngineError("CWB_ERR_ENGINE_STATE", "the engine is closed");
      if (worker !== undefined || stopMaintenance !== undefined) {
        throw new EngineError("CWB_ERR_ENGINE_STATE", "the engine is already started");
      }
      await sweepInFlightRequests(ctx.store, ctx.log, ctx.clock.now()); // dead runs' `sending` rows
      if (input.maintenance) {
        stopMaintenance = startMaintenance({
          store: ctx.store,
          log: ctx.log,
          maxRows: ctx.config.eventsMaxRows ?? DEFAULT_EVENTS_MAX_ROWS,
        });
      }
      const kinds = Object.keys(handlers);
      if (kinds.length === 0) return;
      worker = await ctx.queue.work({
        kinds,
        concurrency: startOptions.concurrency ?? 4,
        ...(startOptions.pollMs === undefined ? {} : { pollMs: startOptions.pollMs }),
        handler: (job) => dispatchJob(ctx, handlers, job),
      });
    },
    stop,
    async close() {
      if (closed) return;
      closed = true;
      await stop();
      await ctx.store.close();
    },
  };
}
