/**
 * Job dispatch: `job.kind` → `handlers[kind](ctx, job)`, in the context of the job's tenant and
 * inside the job's scope (so every ConnectWise request it makes is logged with the job id).
 */
import type { Job } from "../queue/port.js";
import type { AppContext, JobHandlers } from "../core/context.js";
import { EngineError } from "../core/errors.js";
import { runInJobScope } from "../core/job-scope.js";
import { withTenant } from "../core/tenant-context.js";

/**
 * Runs one job with its handler; throws `CWB_ERR_ENGINE_NO_HANDLER` for an unknown kind
 * (the queue then retries it, and fails it after its last attempt).
 *
 * @example
 * await queue.work({ concurrency: 4, handler: (job) => dispatchJob(ctx, handlers, job) });
 */
export async function dispatchJob(ctx: AppContext, handlers: JobHandlers, job: Job): Promise<void> {
  const handler = Object.hasOwn(handlers, job.kind) ? handlers[job.kind] : undefined;
  if (handler === undefined) {
    throw new EngineError("CWB_ERR_ENGINE_NO_HANDLER", `no handler for job kind '${job.kind}'`);
  }
  const log = ctx.log.child({
    jobId: job.id,
    kind: job.kind,
    attempt: job.attempts,
    tenant: job.tenant,
  });
  const jobCtx = withTenant(ctx, job.tenant);
  const started = performance.now();
  log.debug("job started");
  try {
    await runInJobScope(job.id, () => handler(jobCtx, job));
    log.debug({ ms: Math.round(performance.now() - started) }, "job done");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    log.warn(
      {
        ms: Math.round(performance.now() - started),
        code: typeof code === "string" ? code : undefined,
        err: error instanceof Error ? error.message : String(error),
        willRetry: job.attempts < job.maxAttempts,
      },
      "job failed",
    );
    throw error;
  }
}
