/**
 * `cwbridge worker [--concurrency n]` (default `CWBRIDGE_WORKER_CONCURRENCY`, else 8): runs the queue worker (device syncs, alert tickets,
 * permission checks, the periodic reconcile sweep of each enabled connection) until
 * SIGINT/SIGTERM, then finishes the running jobs and exits 0.
 */
import { DEFAULT_WORKER_CONCURRENCY, RECONCILE_EVERY_MS, runWorker } from "../../app/run-worker.js";
import { usageError } from "../cli-error.js";
import { result, type CommandResult } from "../command-result.js";
import type { CliSession } from "../session.js";

/**
 * Runs the worker until the session's signal aborts.
 *
 * @example
 * await workerCommand(session, { concurrency: "4" });
 */
export async function workerCommand(
  session: CliSession,
  options: { readonly concurrency?: string },
): Promise<CommandResult> {
  const concurrency =
    options.concurrency === undefined
      ? (session.config().workerConcurrency ?? DEFAULT_WORKER_CONCURRENCY)
      : Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw usageError("--concurrency must be 1..64");
  }
  const engine = await session.engine();
  const stats = await runWorker(engine, {
    concurrency,
    ...(session.io.signal === undefined ? {} : { signal: session.io.signal }),
    onStarted: (swept) =>
      session.out.note(
        `worker running (concurrency ${concurrency}; reconcile sweep of ${swept.length === 0 ? "no enabled connection" : swept.join(", ")} now and every ${RECONCILE_EVERY_MS / 60_000} min); Ctrl-C to stop`,
      ),
    onStopping: () => session.out.note("stopping: waiting for running jobs…"),
  });
  return result({ stopped: true, queue: stats }, [
    `worker stopped (${stats.pending} pending, ${stats.failed} failed)`,
  ]);
}
