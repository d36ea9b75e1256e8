/**
 * `createEmulator(options)`: a faithful, deterministic ConnectWise PSA server — in-process
 * (`emulator.fetch`, base URL `http://cw.emulator`) or over a socket (`listen`).
 */
import { abortable } from "./abortable.js";
import { RESET_HEADER } from "./api-handler.js";
import { createApp } from "./app.js";
import { createCallbackDispatcher } from "./callbacks.js";
import { stampInfo } from "./change-recorder.js";
import { createFaultInjector } from "./faults.js";
import { createLedger } from "./ledger.js";
import { startServer, type RunningServer } from "./listen.js";
import { createRandom, randomHex } from "./prng.js";
import { resolveSeed } from "./seeds/index.js";
import { cwDate, type EmulatorState } from "./state.js";
import { createStore } from "./store.js";
import type {
  Clock,
  Emulator,
  EmulatorCredentials,
  EmulatorOptions,
  Entity,
  SeedData,
} from "./types.js";

/** The in-process origin. */
export const IN_PROCESS_URL = "http://cw.emulator";

type FetchInput = Parameters<typeof fetch>[0];

const realClock: Clock = { now: () => new Date() };

function resetError(): TypeError {
  return new TypeError("fetch failed", {
    cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
  });
}

function toRequest(input: FetchInput, init: RequestInit | undefined): Request {
  if (input instanceof Request && init === undefined) return input;
  const target = input instanceof Request ? input : new URL(String(input), IN_PROCESS_URL);
  return new Request(target, init);
}

function credentialsOf(seed: SeedData, url: () => string): EmulatorCredentials {
  const key = seed.apiKeys[0];
  return {
    get url() {
      return url();
    },
    codebase: seed.codebase,
    companyId: seed.companyId,
    publicKey: key?.publicKey ?? "",
    privateKey: key?.privateKey ?? "",
    clientId: seed.clientIds[0] ?? "",
  };
}

function buildState(options: EmulatorOptions, seed: SeedData): EmulatorState {
  const clock = options.clock ?? realClock;
  const randomSeed = options.randomSeed ?? 1;
  const ledger = createLedger(clock, options.ledgerLimit);
  const seededAt = cwDate(clock.now());
  const store = createStore(seed, (row: Entity) =>
    row["_info"] === undefined ? { ...row, _info: stampInfo(undefined, seededAt, "seed") } : row,
  );
  const keys = createRandom((randomSeed ^ 0x5eed) >>> 0);
  const state: EmulatorState = {
    seed,
    store,
    ledger,
    clock,
    faults: createFaultInjector(createRandom(randomSeed), options.faults ?? {}),
    callbacks: createCallbackDispatcher({
      store,
      ledger,
      fetch: () => options.callbackFetch ?? fetch,
      origin: () => state.baseUrl,
      companyId: seed.companyId,
      keyId: randomHex(keys, 8),
      signingKey: randomHex(keys, 32),
    }),
    baseUrl: (options.baseUrl ?? IN_PROCESS_URL).replace(/\/+$/, ""),
    requestSeq: 0,
  };
  return state;
}

/**
 * Creates an emulator.
 *
 * @example
 * const cw = createEmulator({ seed: "demo" });
 * const { companyId, publicKey, privateKey, clientId, codebase } = cw.credentials;
 * const response = await cw.fetch(`http://cw.emulator/${codebase}apis/3.0/system/info`, {
 *   headers: { authorization: `Basic ${btoa(`${companyId}+${publicKey}:${privateKey}`)}`, clientId },
 * });
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const seed =
    typeof options.seed === "object" ? options.seed : resolveSeed(options.seed ?? "demo");
  const state = buildState(options, seed);
  const app = createApp(state);
  const servers = new Set<RunningServer>();
  const handle = async (request: Request): Promise<Response> => app.fetch(request);
  const inProcess = async (input: FetchInput, init?: RequestInit): Promise<Response> => {
    // The signal is honoured here rather than linked into the Request (undici's signal
    // following costs more than the rest of an in-process request).
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    const request = toRequest(input, init?.signal ? { ...init, signal: null } : init);
    const response = await (signal ? abortable(() => handle(request), signal) : handle(request));
    if (response.headers.get(RESET_HEADER)) throw resetError();
    return response;
  };
  return {
    fetch: inProcess,
    credentials: credentialsOf(seed, () => state.baseUrl),
    ledger: state.ledger,
    table: (name) => structuredClone(state.store.table(name).rows),
    setFaults: (profile) => state.faults.set(profile),
    async listen(listenOptions = {}) {
      const server = await startServer(handle, listenOptions);
      servers.add(server);
      if (options.baseUrl === undefined) state.baseUrl = server.url;
      return {
        url: server.url,
        close: async () => {
          servers.delete(server);
          await server.close();
        },
      };
    },
    async close() {
      await Promise.all([...servers].map((server) => server.close()));
      servers.clear();
      await state.callbacks.idle();
    },
  };
}
