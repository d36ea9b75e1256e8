/**
 * Picks the job queue from the configuration (`config.queue`): graphile-worker on PostgreSQL by
 * default (its schema is installed/upgraded here, idempotently), the store-backed SQL queue on
 * SQLite, or on PostgreSQL with `CWBRIDGE_QUEUE=sql`. `CWBRIDGE_QUEUE=graphile` on SQLite is
 * refused.
 */
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { crashProcess, createGraphileQueue } from "../queue/graphile-queue.js";
import type { JobQueue } from "../queue/port.js";
import { createSqliteQueue, type SqliteQueueOptions } from "../queue/sqlite-queue.js";
import type { Store } from "../store/open-store.js";
import { EngineError } from "../core/errors.js";

/**
 * Queue knobs: the SQL queue's lease and backoff (tests and crash drills: a short lease so a
 * killed worker's jobs come back fast), and graphile-worker's schema (default
 * `graphile_worker`; tests isolate it).
 */
export type QueueTuning = Pick<SqliteQueueOptions, "leaseMs" | "backoff"> & {
  readonly graphileSchema?: string;
};

/**
 * The queue for a config and an opened store.
 *
 * @example
 * const queue = await openQueue(config, store, log);
 */
export async function openQueue(
  config: Config,
  store: Store,
  log: Logger,
  tuning: QueueTuning = {},
): Promise<JobQueue> {
  const { graphileSchema, ...sqlTuning } = tuning;
  if (config.queue !== "graphile") {
    return createSqliteQueue(store, {
      ...sqlTuning,
      onError: (err) =>
        log.warn({ err: err instanceof Error ? err.message : String(err) }, "queue worker error"),
    });
  }
  if (config.database.kind !== "postgres") {
    throw new EngineError(
      "CWB_ERR_ENGINE_QUEUE_CONFIG",
      "CWBRIDGE_QUEUE=graphile needs PostgreSQL: set DATABASE_URL=postgres://… or unset CWBRIDGE_QUEUE",
    );
  }
  const queue = createGraphileQueue(store, {
    url: config.database.url,
    ...(graphileSchema === undefined ? {} : { schema: graphileSchema }),
    log: (level, message) => {
      if (level === "error" || level === "warning") log.warn({ graphile: level }, message);
    },
    onRunnerError: (message) => log.error({ graphile: "runner" }, message),
    onFatal: (error) => {
      log.fatal({ code: error.code }, error.message);
      crashProcess(error);
    },
  });
  await queue.migrate();
  return queue;
}
