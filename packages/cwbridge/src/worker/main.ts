#!/usr/bin/env node
/**
 * The worker process (`npm run worker`, a `cwbridge-worker` style entry): runs the queue worker
 * of the app configured by the environment until SIGINT/SIGTERM, then lets the running jobs
 * finish and exits 0. A second signal exits 130 at once. A failure (bad configuration, a store
 * that cannot be opened) is printed as `error [CODE]: message` on stderr and exits with the
 * code's exit code (the CLI's table).
 *
 * @example
 * // CWBRIDGE_DATABASE_URL=postgres://… npm run worker
 */
import { failureText, processFailure } from "../app/process-failure.js";
import { startWorkerRole } from "./start-worker.js";

const controller = new AbortController();
const stop = (): void => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
try {
  await startWorkerRole({ env: process.env, signal: controller.signal });
} catch (error) {
  const failure = processFailure(error, (text) => text);
  process.stderr.write(failureText(failure));
  process.exitCode = failure.exitCode;
} finally {
  process.off("SIGINT", stop);
  process.off("SIGTERM", stop);
}
