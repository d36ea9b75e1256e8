/**
 * Test-only: a "world" for the chaos, crash and benchmark runs — an emulator (in this process,
 * so it survives engine kills), a temp data dir with the keyring, an isolated store (SQLite
 * file or a PostgreSQL schema), and, set up once through the real services: an enabled
 * connection to the emulator, a source, its customers pushed and matched to companies, and the
 * alert settings. Engines are opened on it with {@link World.openEngine} (in this process) or
 * started as child processes with {@link World.env}. On PostgreSQL the queue is graphile-worker
 * (the default there), in a schema of its own (`graphileSchema`; children read it from
 * `CWB_CHILD_GRAPHILE_SCHEMA` in `env`), dropped on close.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createEmulator,
  type Emulator,
  type FaultProfile,
  type SeedData,
} from "@cwbridge/connectwise-emulator";
import { loadConfig } from "../../src/config.js";
import type { ClientTuning } from "../../src/connectwise/build-client.js";
import type { JobHandlers } from "../../src/core/context.js";
import { openApp, type App } from "../../src/app/open-app.js";
import type { QueueTuning } from "../../src/app/open-queue.js";
import { emulatorConnectionInput } from "../../src/app/testing/test-app.js";
import { writeAlertSettings } from "../../src/features/alerts/alert-settings.js";
import { addConnection } from "../../src/features/connections/add-connection.js";
import { enableConnection } from "../../src/features/connections/toggle-connection.js";
import {
  matchCustomers,
  pushCustomers,
  refreshCompanies,
} from "../../src/features/customers/index.js";
import { addSource } from "../../src/features/sources/index.js";
import type { DialectKind } from "../../src/store/dialects/dialect-ops.js";
import {
  dropTestSchema,
  openTestStore,
  uniqueName,
  type TestStore,
} from "../../src/store/testing/test-stores.js";
import type { Workload } from "./workload.js";

/** Options of {@link createWorld}. */
export interface WorldOptions {
  readonly dialect?: DialectKind;
  readonly emulatorSeed: SeedData;
  /** Seed of the emulator's fault PRNG. */
  readonly randomSeed?: number;
  /** `http`: the engine talks to a listening emulator (needed for child processes). */
  readonly transport: "in-process" | "http";
  readonly workload: Workload;
  /** Emulator latency etc. applied after setup (setup itself runs without faults). */
  readonly faults?: FaultProfile;
  /** After an ambiguous create, how long to keep searching before creating again. */
  readonly settleWindowMs?: number;
}

/** A ready world. */
export interface World {
  readonly emulator: Emulator;
  /** Base URL of the connection (the listener, or the in-process base). */
  readonly url: string;
  readonly dataDir: string;
  readonly connectionId: string;
  readonly sourceId: string;
  /** The `loadConfig` environment of an engine on this world. */
  readonly env: Readonly<Record<string, string>>;
  /** graphile-worker's schema (PostgreSQL worlds; their queue is graphile-worker). */
  readonly graphileSchema?: string;
  /** Last events-log id written by the setup (compare the ledger with rows after it). */
  readonly logStartId: number;
  /** The demo API member's identifier (ledger `memberIdentifier` of engine requests). */
  readonly member: string;
  openEngine(options?: {
    readonly handlers?: JobHandlers;
    readonly client?: ClientTuning;
    readonly queue?: QueueTuning;
  }): Promise<App>;
  close(): Promise<void>;
}

async function listenIfHttp(
  emulator: Emulator,
  transport: WorldOptions["transport"],
): Promise<{ url: string; close: () => Promise<void> }> {
  if (transport === "in-process") {
    return { url: emulator.credentials.url, close: async () => undefined };
  }
  return emulator.listen({ port: 0, host: "127.0.0.1" });
}

function worldEnv(
  testStore: TestStore,
  dataDir: string,
  graphileSchema: string | undefined,
): Record<string, string> {
  const db = testStore.options;
  return {
    CWBRIDGE_HOME: dataDir,
    DATABASE_URL: db.kind === "sqlite" ? `sqlite:${db.file}` : db.url,
    CWBRIDGE_LOG_LEVEL: "silent",
    CWBRIDGE_EVENTS_MAX_ROWS: "10000000",
    ...(graphileSchema === undefined ? {} : { CWB_CHILD_GRAPHILE_SCHEMA: graphileSchema }),
  };
}

async function setUp(engine: App, emulator: Emulator, url: string, options: WorldOptions) {
  const ctx = engine.ctx;
  const connection = await addConnection(ctx, {
    ...emulatorConnectionInput(emulator, { name: "emulator" }),
    site: url,
  });
  await enableConnection(ctx, connection.id);
  await writeAlertSettings(ctx, connection.id, {
    settleWindowMs: options.settleWindowMs ?? 2_000,
  });
  const { source } = await addSource(ctx, {
    name: "chaos-rmm",
    kind: "generic",
    connectionId: connection.id,
  });
  await pushCustomers(ctx, source.id, options.workload.customers);
  await refreshCompanies(ctx, connection.id);
  await matchCustomers(ctx, source.id);
  await assertMapped(engine, source.id, options.workload);
  const last = await ctx.store.db
    .selectFrom("request_log")
    .select((eb) => eb.fn.max("id").as("max"))
    .executeTakeFirst();
  return { connectionId: connection.id, sourceId: source.id, logStartId: Number(last?.max ?? 0) };
}

async function assertMapped(engine: App, sourceId: string, workload: Workload): Promise<void> {
  const rows = await engine.ctx.store.db
    .selectFrom("mappings")
    .select(["customer_external_id", "cw_company_id"])
    .where("source_id", "=", sourceId)
    .execute();
  const got = new Map(rows.map((r) => [r.customer_external_id, r.cw_company_id]));
  const wrong = [...workload.companyOf].filter(
    ([customer, company]) => got.get(customer) !== company,
  );
  if (wrong.length > 0) {
    throw new Error(
      `world: ${wrong.length} customers not mapped as expected, e.g. ${wrong[0]?.[0]}`,
    );
  }
}

/**
 * Builds a world (see the module comment).
 *
 * @example
 * const world = await createWorld({ emulatorSeed: demoSeed({ companies: 200 }), transport: "http", workload });
 * try { … } finally { await world.close(); }
 */
export async function createWorld(options: WorldOptions): Promise<World> {
  const testStore = await openTestStore(options.dialect ?? "sqlite");
  const dataDir = mkdtempSync(join(tmpdir(), "cwb-world-"));
  const emulator = createEmulator({
    seed: options.emulatorSeed,
    randomSeed: options.randomSeed ?? 1,
  });
  const listener = await listenIfHttp(emulator, options.transport);
  const graphileSchema = testStore.options.kind === "postgres" ? uniqueName("cwb_gw") : undefined;
  const graphileTuning = graphileSchema === undefined ? {} : { graphileSchema };
  const env = worldEnv(testStore, dataDir, graphileSchema);
  const fetchOf = options.transport === "in-process" ? { fetch: emulator.fetch } : {};
  const openEngine: World["openEngine"] = async (engineOptions = {}) =>
    openApp({
      config: loadConfig({ env }),
      maintenance: false,
      ...fetchOf,
      handlers: engineOptions.handlers ?? {},
      ...(engineOptions.client === undefined ? {} : { client: engineOptions.client }),
      queue: { ...graphileTuning, ...engineOptions.queue },
    });
  const cleanup = async () => {
    await listener.close();
    await emulator.close();
    await testStore.cleanup();
    if (graphileSchema !== undefined) await dropTestSchema(graphileSchema);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const setup = await openEngine();
    const ids = await setUp(setup, emulator, listener.url, options).finally(() => setup.close());
    emulator.ledger.clear();
    if (options.faults !== undefined) emulator.setFaults(options.faults);
    return {
      emulator,
      url: listener.url,
      dataDir,
      ...ids,
      env,
      ...graphileTuning,
      member: emulatorMember(options.emulatorSeed, emulator),
      openEngine,
      close: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

function emulatorMember(seed: SeedData, emulator: Emulator): string {
  const key = seed.apiKeys.find((k) => k.publicKey === emulator.credentials.publicKey);
  return key?.memberIdentifier ?? "cwbridge";
}
