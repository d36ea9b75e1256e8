/**
 * One CLI run: global options, the output channel, the secret registry every byte of output
 * is scrubbed with, and the engine, opened on first use (config from flags over env) and
 * closed when the command ends.
 */
import { loadConfig, type Config, type ConfigFlags } from "../config.js";
import { openApp, type App } from "../app/open-app.js";
import { createSecretRegistry, type SecretRegistry } from "../logger.js";
import type { JobHandlers } from "../core/context.js";
import type { CliIo } from "./io.js";
import { createOutput, type Output } from "./output.js";
import { appJobHandlers } from "../app/features.js";
import { stderrLogDestination } from "../app/log-destination.js";

/** Options every command accepts. */
export interface GlobalOptions {
  readonly dataDir?: string;
  readonly databaseUrl?: string;
  readonly tenant?: string;
  readonly json?: boolean;
  readonly verbose?: boolean;
}

/** What a command body receives. */
export interface CliSession {
  readonly io: CliIo;
  readonly out: Output;
  readonly globals: GlobalOptions;
  /** Secrets the CLI knows (flags, stdin); scrubbed from all output. */
  readonly secrets: SecretRegistry;
  /** The configuration (flags over env); throws `CWB_ERR_CONFIG_INVALID`. */
  config(): Config;
  /** The engine, opened (store migrated, keyring loaded) on first call. */
  engine(): Promise<App>;
  /** Closes the engine if it was opened. */
  close(): Promise<void>;
}

/** Options of {@link createSession}. */
export interface SessionOptions {
  readonly io: CliIo;
  readonly globals: GlobalOptions;
  /** Transport for ConnectWise clients (tests: an emulator's in-process fetch). */
  readonly fetch?: typeof fetch;
  /** Job handlers (default: every feature's). */
  readonly handlers?: JobHandlers;
  /** Show listr2 progress on stderr (default: not with `--json`). */
  readonly progress?: boolean;
}

/**
 * Creates a session.
 *
 * @example
 * const session = createSession({ io: processIo(), globals: { dataDir: "/tmp/x", json: true } });
 * try { … await session.engine() … } finally { await session.close(); }
 */
export function createSession(options: SessionOptions): CliSession {
  const { io, globals } = options;
  const secrets = createSecretRegistry();
  let engine: App | undefined;
  let opening: Promise<App> | undefined;
  const redact = (text: string): string => secrets.redact(engine?.secrets.redact(text) ?? text);
  const out = createOutput({
    stdout: io.stdout,
    stderr: io.stderr,
    json: globals.json === true,
    redact,
    ...(options.progress === undefined ? {} : { progress: options.progress }),
  });
  const config = (): Config => loadConfig({ env: io.env, flags: configFlags(globals, io.env) });
  const open = async (): Promise<App> => {
    const opened = await openApp({
      config: config(),
      handlers: options.handlers ?? appJobHandlers(),
      logDestination: stderrLogDestination(
        { write: (chunk) => io.stderr.write(redact(chunk)) },
        { raw: globals.json === true || globals.verbose === true },
      ),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
    engine = opened;
    return opened;
  };
  return {
    io,
    out,
    globals,
    secrets,
    config,
    engine: () => (opening ??= open()),
    async close() {
      const opened = engine;
      engine = undefined;
      opening = undefined;
      await opened?.close();
    },
  };
}

/**
 * Config flags from the global options; the CLI logs warnings only unless `--verbose` or a
 * log level is set in the environment.
 *
 * @example
 * configFlags({ dataDir: "/tmp/x" }, {}) // { dataDir: "/tmp/x", logLevel: "warn" }
 */
export function configFlags(
  globals: GlobalOptions,
  env: Readonly<Record<string, string | undefined>>,
): ConfigFlags {
  const envLevel = env["CWBRIDGE_LOG_LEVEL"] ?? env["LOG_LEVEL"];
  const logLevel = globals.verbose === true ? "debug" : envLevel === undefined ? "warn" : undefined;
  return {
    ...(globals.dataDir === undefined ? {} : { dataDir: globals.dataDir }),
    ...(globals.databaseUrl === undefined ? {} : { databaseUrl: globals.databaseUrl }),
    ...(globals.tenant === undefined ? {} : { tenant: globals.tenant }),
    ...(logLevel === undefined ? {} : { logLevel }),
  };
}
