/**
 * The job a piece of code runs for, carried through async calls (AsyncLocalStorage), so every
 * ConnectWise request a handler makes is logged with its job id without passing it around.
 */
import { AsyncLocalStorage } from "node:async_hooks";

const scope = new AsyncLocalStorage<{ readonly jobId: string }>();

/**
 * Runs `fn` as part of job `jobId`.
 *
 * @example
 * await runInJobScope(job.id, () => handler(ctx, job));
 */
export function runInJobScope<T>(jobId: string, fn: () => Promise<T>): Promise<T> {
  return scope.run({ jobId }, fn);
}

/**
 * The id of the job the caller runs for, if any.
 *
 * @example
 * currentJobId(); // "42" inside a handler, undefined elsewhere
 */
export function currentJobId(): string | undefined {
  return scope.getStore()?.jobId;
}
