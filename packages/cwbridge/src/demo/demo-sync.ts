/**
 * Step 6 of the demo: the sync of the demo source's companies, run by the worker in-process
 * until the work is done, as `cwbridge sync --source demo` does.
 */
import type { App } from "../app/open-app.js";
import { runUntilIdle } from "../app/run-until-idle.js";
import { getSyncReport, runSync, type SyncReport } from "../features/devices/index.js";
import { DemoError } from "./demo-error.js";

/**
 * Syncs the source and resolves with this run's per-company reports; a blocked company is
 * `CWB_ERR_DEMO_BLOCKED`, a failed company, failed job or timeout `CWB_ERR_DEMO_JOB_FAILED`.
 *
 * @example
 * const reports = await syncDemoSource(app, source.id, signal);
 */
export async function syncDemoSource(
  app: App,
  sourceId: string,
  signal?: AbortSignal,
): Promise<readonly SyncReport[]> {
  const startedAt = new Date().toISOString();
  const failedBefore = (await app.ctx.queue.stats()).failed;
  await runSync(app.ctx, { sourceId });
  const idle = await runUntilIdle(app, signal === undefined ? {} : { signal });
  const reports = (await getSyncReport(app.ctx, sourceId)).filter((r) => r.at >= startedAt);
  const blocked = reports.filter((r) => r.blocked !== null || r.outcome === "skipped");
  if (blocked.length > 0) {
    throw new DemoError(
      "CWB_ERR_DEMO_BLOCKED",
      `sync blocked for ${blocked.length} company(ies): ${blocked[0]?.message ?? "see cwbridge sync --plan"}`,
    );
  }
  const failed = reports.filter((r) => r.outcome === "error");
  const newlyFailed = idle.stats.failed - failedBefore;
  if (failed.length > 0 || idle.timedOut || newlyFailed > 0) {
    throw new DemoError(
      "CWB_ERR_DEMO_JOB_FAILED",
      failed.length > 0
        ? `sync failed for ${failed.length} company(ies): ${failed[0]?.message ?? ""}`
        : idle.timedOut
          ? "the sync did not finish in time; `cwbridge worker` continues it"
          : `${newlyFailed} job(s) failed; see cwbridge doctor`,
    );
  }
  return reports;
}
