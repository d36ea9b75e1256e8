/**
 * The ConnectWise client a job uses. Inside the job's own scope (`runInJobScope`, which the
 * engine's dispatch sets up) the connection's shared, cached client already logs every request
 * with the job id, so it is returned as is; only a caller outside that scope (a test or CLI
 * calling a handler's work directly) gets a client bound to the job id explicitly.
 *
 * Why it matters: every client the provider builds carries its own request-logging state
 * (an `AsyncLocalStorage`, which Node never forgets once used); building one per job made every
 * promise of the process slower with each job run (1,000 alert jobs: ~50% of CPU time spent in
 * async-hook propagation).
 */
import type { ConnectWise } from "@cwbridge/connectwise";
import type { EngineContext } from "./context.js";
import { currentJobId } from "./job-scope.js";

/**
 * The client of `connectionId` whose requests are logged with `jobId`.
 *
 * @example
 * const cw = await jobClient(ctx, connectionId, job.id);
 */
export function jobClient(
  ctx: Pick<EngineContext, "clients">,
  connectionId: string,
  jobId: string | undefined,
): Promise<ConnectWise> {
  if (jobId === undefined || currentJobId() === jobId) {
    return ctx.clients.forConnection(connectionId);
  }
  return ctx.clients.forConnection(connectionId, { jobId });
}
