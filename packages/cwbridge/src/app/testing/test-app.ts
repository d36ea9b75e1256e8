/**
 * Test-only: a real engine on an isolated store, talking to the ConnectWise emulator
 * in-process. Use it in every service test that needs the store, the queue or ConnectWise.
 *
 * What you get from {@link createTestApp}:
 * - `engine` / `ctx`: a real `openApp` result (store migrated, SqlQueue (see below),
 *   keyring file in a temp data dir, client provider with the events log and the enable
 *   guard); retries never sleep (`retry.sleep` is a no-op), throttling is on as in production;
 * - `emulator`: `createEmulator({ seed, ...emulatorOptions })`; its `fetch` is the engine's
 *   transport, so use `emulator.ledger` / `emulator.table(name)` as the oracle;
 * - `connectionId`: a connection named `emulator` to the seed's demo API member (`cwbridge`
 *   role: everything cwbridge needs), ENABLED unless `enabled: false`;
 * - `logs`: every log line (JSON strings) when `captureLogs: true` (default level `debug`
 *   then; otherwise the logger is silent);
 * - `close()`: stops the engine, closes the store, drops the PostgreSQL schema / temp dir.
 *
 * The store is SQLite by default; pass `dialect: "postgres"` (DATABASE_URL_TEST, default
 * `postgres://postgres@127.0.0.1:5432/test`, a fresh schema per engine). Run store tests on
 * both: `describe.each(TEST_DIALECTS)("%s", (dialect) => { … createTestApp({ dialect }) … })`.
 * The queue is the SQL queue on both dialects (`CWBRIDGE_QUEUE=sql`, although PostgreSQL
 * defaults to graphile-worker in production: these tests are about the services, and graphile's
 * fixed retry backoff of seconds would slow them); `env: { CWBRIDGE_QUEUE: "graphile" }` with
 * `dialect: "postgres"` runs graphile-worker in a schema of its own (dropped on close).
 * Handlers are only run after `await t.engine.start({ concurrency })`; or call them directly
 * with `t.ctx`. `await t.ctx.queue.drain()` waits until the queue is idle.
 *
 * @example
 * let t: TestApp;
 * beforeEach(async () => { t = await createTestApp({ dialect }); });
 * afterEach(() => t.close());
 * it("reads", async () => {
 *   const cw = await t.ctx.clients.forConnection(t.connectionId);
 *   await cw.system.info();
 *   expect(t.emulator.ledger.requests().at(-1)?.path).toBe("/system/info");
 * });
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createEmulator,
  DEMO_KEYS,
  type Emulator,
  type EmulatorOptions,
  type SeedData,
} from "@cwbridge/connectwise-emulator";
import { loadConfig, type LOG_LEVELS } from "../../config.js";
import type { ClientTuning } from "../../connectwise/build-client.js";
import { createNetworkFetch } from "../../connectwise/network-transport.js";
import { createMemoryDestination } from "../../logger.js";
import { addConnection } from "../../features/connections/add-connection.js";
import type { AddConnectionInput } from "../../features/connections/input-schema.js";
import { enableConnection } from "../../features/connections/toggle-connection.js";
import type { DialectKind } from "../../store/dialects/dialect-ops.js";
import type { StoreOptions } from "../../store/open-store.js";
import {
  dropTestSchema,
  openTestStore,
  uniqueName,
  type TestStore,
} from "../../store/testing/test-stores.js";
import type { AppClock, AppContext, JobHandlers } from "../../core/context.js";
import { openApp, type App } from "../open-app.js";

/** Options of {@link createTestApp}. */
export interface TestAppOptions {
  readonly dialect?: DialectKind;
  /** `demo` (default), `empty`, or your own seed data (e.g. with planted keys). */
  readonly seed?: "demo" | "empty" | SeedData;
  /** Extra emulator options (faults, clock, randomSeed, …). */
  readonly emulatorOptions?: Omit<EmulatorOptions, "seed">;
  /** Whether the emulator connection is enabled (default true). */
  readonly enabled?: boolean;
  /** Add the emulator connection at all (default true). */
  readonly withConnection?: boolean;
  readonly handlers?: JobHandlers;
  readonly clock?: AppClock;
  /** Capture log lines in `logs` (default false: silent). */
  readonly captureLogs?: boolean;
  readonly logLevel?: (typeof LOG_LEVELS)[number];
  /** Client knobs (default: retries without sleeping). */
  readonly client?: ClientTuning;
  /** Extra environment for `loadConfig` (e.g. `CWBRIDGE_EVENTS_MAX_ROWS`). */
  readonly env?: Readonly<Record<string, string>>;
  /** Wraps the engine's transport (e.g. to time-stamp what leaves the process). */
  readonly wrapFetch?: (fetch: typeof globalThis.fetch) => typeof globalThis.fetch;
}

/** A running test engine. */
export interface TestApp {
  readonly engine: App;
  readonly ctx: AppContext;
  readonly emulator: Emulator;
  /** The emulator connection's id ("" when `withConnection: false`). */
  readonly connectionId: string;
  /** The data dir (key file; SQLite lives elsewhere, in the isolated test store dir). */
  readonly dataDir: string;
  /** Opens another handle on the engine's database (`openStore(storeOptions)`). */
  readonly storeOptions: StoreOptions;
  /** Captured log lines (JSON), when `captureLogs`. */
  readonly logs: string[];
  close(): Promise<void>;
}

/** API keys of the demo seed, by member identifier. */
export type EmulatorMember = "cwbridge" | "limited-api" | "dadams";

/**
 * Input for `addConnection` pointing at the emulator (in-process URL), as the given seed member.
 *
 * @example
 * await addConnection(t.ctx, emulatorConnectionInput(t.emulator, { name: "limited", member: "limited-api" }));
 */
export function emulatorConnectionInput(
  emulator: Emulator,
  options: { readonly name?: string; readonly member?: EmulatorMember } = {},
): AddConnectionInput {
  const { url, companyId, publicKey, privateKey, clientId } = emulator.credentials;
  const keys = memberKeys(options.member ?? "cwbridge", { publicKey, privateKey });
  return {
    name: options.name ?? "emulator",
    site: url,
    companyId,
    publicKey: keys.publicKey,
    privateKey: keys.privateKey,
    clientId,
    allowOnPrem: true,
    allowInsecure: true,
  };
}

function memberKeys(
  member: EmulatorMember,
  first: { publicKey: string; privateKey: string },
): { publicKey: string; privateKey: string } {
  if (member === "cwbridge") return first;
  return member === "limited-api" ? DEMO_KEYS.limited : DEMO_KEYS.admin;
}

/**
 * Builds a test engine (see the module comment).
 *
 * @example
 * const t = await createTestApp({ dialect: "postgres", enabled: false });
 * try { … } finally { await t.close(); }
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const testStore = await openTestStore(options.dialect ?? "sqlite");
  const dataDir = mkdtempSync(join(tmpdir(), "cwb-engine-"));
  const graphileSchema = uniqueName("cwb_gw");
  const cleanupFiles = async (): Promise<void> => {
    await testStore.cleanup();
    if (options.env?.["CWBRIDGE_QUEUE"] === "graphile") await dropTestSchema(graphileSchema);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const emulator = createEmulator({ seed: options.seed ?? "demo", ...options.emulatorOptions });
    const sink = createMemoryDestination();
    const engine = await openApp({
      config: loadConfig({ env: configEnv(testStore, dataDir, options) }),
      fetch: options.wrapFetch?.(routeFetch(emulator)) ?? routeFetch(emulator),
      queue: { graphileSchema },
      client: options.client ?? { retry: { sleep: async () => undefined } },
      ...(options.captureLogs === true ? { logDestination: sink } : {}),
      handlers: options.handlers ?? {},
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    });
    const connectionId = await addEmulatorConnection(engine.ctx, emulator, options);
    return {
      engine,
      ctx: engine.ctx,
      emulator,
      connectionId,
      dataDir,
      storeOptions: testStore.options,
      logs: sink.lines,
      close: async () => {
        await engine.close();
        await emulator.close();
        await cleanupFiles();
      },
    };
  } catch (error) {
    await cleanupFiles();
    throw error;
  }
}

/**
 * The emulator's in-process fetch for `http://cw.emulator`, the engine's network transport for
 * anything else (loopback stub servers in tests of unreachable/TLS/timeout failures).
 *
 * @example
 * const fetch = routeFetch(emulator);
 */
export function routeFetch(emulator: Emulator): typeof fetch {
  const origin = new URL(emulator.credentials.url).origin;
  const network = createNetworkFetch();
  return (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    return new URL(url).origin === origin ? emulator.fetch(input, init) : network(input, init);
  };
}

function configEnv(
  testStore: TestStore,
  dataDir: string,
  options: TestAppOptions,
): Record<string, string> {
  const db = testStore.options;
  const level = options.logLevel ?? (options.captureLogs === true ? "debug" : "silent");
  return {
    CWBRIDGE_HOME: dataDir,
    DATABASE_URL: db.kind === "sqlite" ? `sqlite:${db.file}` : db.url,
    CWBRIDGE_LOG_LEVEL: level,
    CWBRIDGE_QUEUE: "sql",
    ...options.env,
  };
}

async function addEmulatorConnection(
  ctx: AppContext,
  emulator: Emulator,
  options: TestAppOptions,
): Promise<string> {
  if (options.withConnection === false) return "";
  const connection = await addConnection(ctx, emulatorConnectionInput(emulator));
  if (options.enabled !== false) await enableConnection(ctx, connection.id);
  return connection.id;
}
