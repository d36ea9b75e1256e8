/**
 * Test-only child-process entry: opens the engine on the data dir / database given in the
 * environment (`CWBRIDGE_HOME`, `DATABASE_URL`, as `loadConfig` reads them), runs the worker
 * until the queue is drained, closes and exits 0. The crash test SIGKILLs it at random
 * instants and starts it again.
 *
 * Extra environment: `CWB_CHILD_CONCURRENCY` (default 4), `CWB_CHILD_LEASE_MS` (SQL queue
 * lease, default 1000: a killed worker's jobs come back after 1 s instead of 60 s),
 * `CWB_CHILD_GRAPHILE_SCHEMA` (graphile-worker's schema on PostgreSQL, isolated per test).
 *
 * Run: `node --import tsx --conditions=source packages/cwbridge/test/harness/engine-child.ts`.
 * Prints `ready` once the worker runs and `drained` before a clean exit.
 */
import { loadConfig } from "../../src/config.js";
import { openApp } from "../../src/app/open-app.js";
import { engineHandlers } from "./handlers.js";

const intEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? "");
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

const graphileSchema = (): { graphileSchema?: string } => {
  const schema = process.env["CWB_CHILD_GRAPHILE_SCHEMA"];
  return schema === undefined || schema === "" ? {} : { graphileSchema: schema };
};

async function main(): Promise<void> {
  const engine = await openApp({
    config: loadConfig({ env: process.env }),
    handlers: engineHandlers(),
    maintenance: false,
    queue: {
      leaseMs: intEnv("CWB_CHILD_LEASE_MS", 1_000),
      backoff: { baseMs: 200, maxMs: 5_000 },
      ...graphileSchema(),
    },
    client: {
      retry: { baseDelayMs: 50, maxDelayMs: 1_000 },
      throttle: { ratePerSecond: 10_000, maxConcurrent: intEnv("CWB_CHILD_CONCURRENCY", 4) },
    },
  });
  await engine.start({ concurrency: intEnv("CWB_CHILD_CONCURRENCY", 4), pollMs: 20 });
  process.stdout.write("ready\n");
  await engine.ctx.queue.drain({ timeoutMs: 10 * 60_000, pollMs: 50 });
  await engine.close();
  process.stdout.write("drained\n");
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `engine-child: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
