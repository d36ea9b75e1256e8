/**
 * Steps 7 and 8 of the demo: one alert event ingested, then the worker run in-process until
 * the incident's ticket work is done, as `cwbridge push alert` does.
 */
import type { App } from "../app/open-app.js";
import { runUntilIdle } from "../app/run-until-idle.js";
import {
  getIncident,
  ingestAlert,
  type Incident,
  type IngestResult,
} from "../features/alerts/index.js";
import { DemoError } from "./demo-error.js";

/** What one pushed alert did. */
export interface DemoAlertResult {
  readonly action: IngestResult["action"];
  readonly ticketId: number | null;
}

/**
 * Ingests `event` for the source and waits (60 s at most) for its ticket; work that did not
 * finish is `CWB_ERR_DEMO_JOB_FAILED` (`CWB_ERR_DEMO_BLOCKED` for a disabled connection).
 *
 * @example
 * const fired = await pushDemoAlert(app, source.id, { id: "e1", kind: "fire", … });
 */
export async function pushDemoAlert(
  app: App,
  sourceId: string,
  event: Readonly<Record<string, unknown>>,
  signal?: AbortSignal,
): Promise<DemoAlertResult> {
  const { ctx } = app;
  const ingested = await ingestAlert(ctx, sourceId, event);
  const jobId = ingested.jobId;
  if (jobId !== undefined) {
    const settled = async (): Promise<boolean> =>
      (await ctx.queue.getJob(jobId)) === undefined &&
      isSettled(await getIncident(ctx, ingested.incidentKey));
    await runUntilIdle(app, {
      timeoutMs: 60_000,
      until: settled,
      ...(signal === undefined ? {} : { signal }),
    });
    await assertSettled(app, jobId, ingested.incidentKey);
  }
  const incident = await getIncident(ctx, ingested.incidentKey);
  return { action: ingested.action, ticketId: incident?.ticketId ?? null };
}

/** Converged (open or closed, no error) or stopped on an error the worker will retry. */
function isSettled(incident: Incident | undefined): boolean {
  if (incident === undefined) return true;
  if (incident.data.lastError !== undefined) return true;
  return incident.state === "open" || incident.state === "closed";
}

async function assertSettled(app: App, jobId: string, key: string): Promise<void> {
  const job = await app.ctx.queue.getJob(jobId);
  const incident = await getIncident(app.ctx, key);
  const lastError = incident?.data.lastError;
  if (job === undefined && lastError === undefined && isSettled(incident)) return;
  const message =
    lastError?.message ?? job?.lastError ?? `the incident is still ${incident?.state ?? "pending"}`;
  const later = "the alert is stored; `cwbridge worker` keeps retrying";
  if (message.includes("CWB_ERR_CONNECTION_DISABLED")) {
    throw new DemoError(
      "CWB_ERR_DEMO_BLOCKED",
      `the connection is disabled: no ticket was written (${later} once it is enabled)`,
    );
  }
  throw new DemoError(
    "CWB_ERR_DEMO_JOB_FAILED",
    `the ticket work did not finish: ${message} (${later})`,
  );
}
