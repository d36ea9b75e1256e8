/**
 * `npm start`: the composition root for a first run: it opens the app (config from the
 * environment and `--data-dir`) and drives it, with no CLI in between. With no ConnectWise connection configured
 * (and `CWBRIDGE_EMULATOR` not `false`) it starts the built-in emulator with the demo seed and
 * runs the demo flow (customers matched, devices synced into configurations, an alert ticket
 * opened and closed), prints the commands to do it for real, then keeps the worker and the
 * emulator running until Ctrl-C. With a real connection it runs the worker. `--once` exits
 * after the demo (or at once, with a real connection). When the demo stops, its connection is
 * parked (disabled: its emulator is gone), so `doctor` in the same data dir still passes.
 *
 * @example
 * // npm start -- --once --data-dir /tmp/cwb
 */
import { parseArgs } from "node:util";
import { loadConfig, type Config, type ConfigFlags } from "./config.js";
import { parkDemoConnection, unparkDemoConnection } from "./app/demo-connection.js";
import { openApp, type App } from "./app/open-app.js";
import { stderrLogDestination } from "./app/log-destination.js";
import { failureText, processFailure } from "./app/process-failure.js";
import { DEFAULT_WORKER_CONCURRENCY, runWorker } from "./app/run-worker.js";
import { listConnections, type Connection } from "./features/connections/index.js";
import { DEMO_NAMES } from "./demo/demo-data.js";
import { startDemoEmulator } from "./demo/demo-emulator.js";
import { forRealLines, runDemo } from "./demo/run-demo.js";

/** Flags of `main.ts`. */
export interface MainOptions {
  readonly once: boolean;
  readonly dataDir?: string;
}

/** The process edges `main` touches (tests pass their own). */
export interface MainIo {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on SIGINT/SIGTERM: the worker (and the demo's in-process runs) stop then. */
  readonly signal?: AbortSignal;
}

/** What the two modes share: the opened app, its configuration, where lines go. */
interface Run {
  readonly app: App;
  readonly config: Config;
  readonly io: MainIo;
  readonly print: (line: string) => void;
}

/**
 * Runs `npm start`; resolves with the exit code. A failure is printed on stderr as
 * `error [CODE]: message` and exits with the code's exit code (the CLI's table).
 *
 * @example
 * process.exitCode = await main(["--once"], { stdout: process.stdout, stderr: process.stderr, env: process.env });
 */
export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: { once: { type: "boolean" }, "data-dir": { type: "string" } },
    strict: true,
  });
  const dataDir = values["data-dir"];
  let app: App | undefined;
  try {
    const config = loadConfig({ env: io.env, flags: mainFlags(dataDir, io.env) });
    app = await openApp({
      config,
      logDestination: stderrLogDestination(io.stderr, { raw: false }),
    });
    const print = (line: string): void => void io.stdout.write(`${line}\n`);
    const run: Run = { app, config, io, print };
    const real = (await listConnections(app.ctx)).filter((c) => c.name !== DEMO_NAMES.connection);
    const emulator = config.emulator.enabled;
    if (emulator === true || (emulator === "auto" && real.length === 0)) {
      await demoMode(run, values.once === true);
    } else {
      await workerMode(run, real, values.once === true);
    }
    return 0;
  } catch (error) {
    const opened = app;
    const failure = processFailure(error, (text) => opened?.secrets.redact(text) ?? text);
    io.stderr.write(failureText(failure));
    return failure.exitCode;
  } finally {
    await app?.close();
  }
}

/** `--data-dir`; logs are warnings only unless a log level is set in the environment. */
function mainFlags(
  dataDir: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ConfigFlags {
  const envLevel = env["CWBRIDGE_LOG_LEVEL"] ?? env["LOG_LEVEL"];
  return {
    ...(dataDir === undefined ? {} : { dataDir }),
    ...(envLevel === undefined ? { logLevel: "warn" } : {}),
  };
}

async function demoMode(run: Run, exitAfter: boolean): Promise<void> {
  const { config, print } = run;
  print(
    `cwbridge demo (data dir ${config.dataDir}, SQLite ${config.database.kind === "sqlite" ? config.database.file : "PostgreSQL"})`,
  );
  const demo = await startDemoEmulator(config.dataDir);
  await unparkDemoConnection(run.app.ctx);
  try {
    const summary = await runDemo(run.app, demo, print, run.io.signal);
    print(
      `demo done: ${summary.customers.matched} customers matched, ${summary.configurations.total} devices synced to ConnectWise configurations, ticket #${summary.ticket.id ?? "?"} ${summary.ticket.closed ? "opened and closed" : "open"}`,
    );
    for (const line of forRealLines()) print(line);
    if (exitAfter) return;
    await runUntilStopped(
      run,
      `worker and emulator (${demo.credentials.url}) running; Ctrl-C to stop`,
    );
    await demo.save();
  } finally {
    await parkDemo(run.app);
    await demo.close();
  }
}

/** The emulator stops with this process: park the demo's connection (see app/demo-connection.ts). */
async function parkDemo(app: App): Promise<void> {
  const demo = (await listConnections(app.ctx)).find((c) => c.name === DEMO_NAMES.connection);
  if (demo !== undefined) await parkDemoConnection(app.ctx, demo.id);
}

async function workerMode(
  run: Run,
  connections: readonly Connection[],
  exitAfter: boolean,
): Promise<void> {
  const { print } = run;
  if (connections.length === 0) {
    print("no ConnectWise connection configured and the demo is off (CWBRIDGE_EMULATOR=false):");
    print("  npx cwbridge connections add --help");
  }
  for (const c of connections) {
    print(
      `connection '${c.name}' (${c.site}, company ${c.companyId}): ${c.enabled ? "enabled" : "disabled (npx cwbridge connections enable " + c.name + ")"}`,
    );
  }
  if (exitAfter) return;
  await runUntilStopped(run, "worker running; Ctrl-C to stop");
}

async function runUntilStopped(run: Run, banner: string): Promise<void> {
  await runWorker(run.app, {
    concurrency: run.app.ctx.config.workerConcurrency ?? DEFAULT_WORKER_CONCURRENCY,
    ...(run.io.signal === undefined ? {} : { signal: run.io.signal }),
    onStarted: () => run.print(banner),
  });
}

const isEntry =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"));
if (isEntry) {
  const controller = new AbortController();
  const stop = (): void => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    signal: controller.signal,
  });
  process.off("SIGINT", stop);
  process.off("SIGTERM", stop);
}
