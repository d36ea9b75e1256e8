/**
 * `npm start`: the composition root for a first run. With no ConnectWise connection configured
 * (and `CWBRIDGE_EMULATOR` not `false`) it starts the built-in emulator with the demo seed and
 * runs the demo flow (customers matched, devices synced into configurations, an alert ticket
 * opened and closed), prints the commands to do it for real, then keeps the worker and the
 * emulator running until Ctrl-C. With a real connection it runs the worker. `--once` exits
 * after the demo (or at once, with a real connection).
 *
 * @example
 * // npm start -- --once --data-dir /tmp/cwb
 */
import { once } from "node:events";
import { parseArgs } from "node:util";
import { processIo, type CliIo } from "./cli/io.js";
import { toFailure } from "./cli/error-mapping.js";
import { createSession, type CliSession } from "./cli/session.js";
import { DEFAULT_WORKER_CONCURRENCY, startWorker } from "./app/run-worker.js";
import { listConnections, type Connection } from "./features/connections/index.js";
import { DEMO_NAMES } from "./demo/demo-data.js";
import { startDemoEmulator } from "./demo/demo-emulator.js";
import { forRealLines, runDemo } from "./demo/run-demo.js";

/** Flags of `main.ts`. */
export interface MainOptions {
  readonly once: boolean;
  readonly dataDir?: string;
}

/**
 * Runs `npm start`; resolves with the exit code.
 *
 * @example
 * process.exitCode = await main(["--once"], processIo(signal));
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: { once: { type: "boolean" }, "data-dir": { type: "string" } },
    strict: true,
  });
  const dataDir = values["data-dir"];
  const session = createSession({
    io,
    globals: dataDir === undefined ? {} : { dataDir },
    progress: false,
  });
  try {
    const engine = await session.engine();
    const real = (await listConnections(engine.ctx)).filter(
      (c) => c.name !== DEMO_NAMES.connection,
    );
    const emulator = session.config().emulator.enabled;
    if (emulator === true || (emulator === "auto" && real.length === 0)) {
      await demoMode(session, values.once === true);
    } else {
      await workerMode(session, real, values.once === true);
    }
    return 0;
  } catch (error) {
    const failure = toFailure(error, (text) => text);
    session.out.failure(failure);
    return failure.exitCode;
  } finally {
    await session.close();
  }
}

async function demoMode(session: CliSession, exitAfter: boolean): Promise<void> {
  const print = (line: string): void => void session.io.stdout.write(`${line}\n`);
  const config = session.config();
  print(
    `cwbridge demo (data dir ${config.dataDir}, SQLite ${config.database.kind === "sqlite" ? config.database.file : "PostgreSQL"})`,
  );
  const demo = await startDemoEmulator(config.dataDir);
  try {
    const summary = await runDemo(session, demo, print);
    print(
      `demo done: ${summary.customers.matched} customers matched, ${summary.configurations.total} devices synced to ConnectWise configurations, ticket #${summary.ticket.id ?? "?"} ${summary.ticket.closed ? "opened and closed" : "open"}`,
    );
    for (const line of forRealLines()) print(line);
    if (exitAfter) return;
    await runWorker(
      session,
      `worker and emulator (${demo.credentials.url}) running; Ctrl-C to stop`,
    );
    await demo.save();
  } finally {
    await demo.close();
  }
}

async function workerMode(
  session: CliSession,
  connections: readonly Connection[],
  exitAfter: boolean,
): Promise<void> {
  const print = (line: string): void => void session.io.stdout.write(`${line}\n`);
  if (connections.length === 0) {
    print("no ConnectWise connection configured and the demo is off (CWBRIDGE_EMULATOR=false):");
    print("  cwbridge connections add --help");
  }
  for (const c of connections) {
    print(
      `connection '${c.name}' (${c.site}, company ${c.companyId}): ${c.enabled ? "enabled" : "disabled (cwbridge connections enable " + c.name + ")"}`,
    );
  }
  if (exitAfter) return;
  await runWorker(session, "worker running; Ctrl-C to stop");
}

async function runWorker(session: CliSession, banner: string): Promise<void> {
  const engine = await session.engine();
  await startWorker(engine, { concurrency: DEFAULT_WORKER_CONCURRENCY });
  session.io.stdout.write(`${banner}\n`);
  const signal = session.io.signal;
  if (signal !== undefined && !signal.aborted) await once(signal, "abort");
  await engine.stop();
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
  process.exitCode = await main(process.argv.slice(2), processIo(controller.signal));
  process.off("SIGINT", stop);
  process.off("SIGTERM", stop);
}
