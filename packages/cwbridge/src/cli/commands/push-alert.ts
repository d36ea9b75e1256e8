/**
 * `cwbridge push alert --source s (--file event.json | --id --kind fire|resolve --name
 * --customer --summary [--device] [--severity] [--label k=v …])`: ingests one alert event
 * (durably), then runs the worker until this incident's ticket work is done and prints the
 * ticket id. `--no-wait` only ingests.
 */
import type { App } from "../../app/open-app.js";
import { callUseCase } from "../../core/use-case.js";
import type { Incident, IngestResult } from "../../features/alerts/index.js";
import { CliError, usageError } from "../cli-error.js";
import { result, type CommandResult } from "../command-result.js";
import { readJsonFile } from "../input-file.js";
import { resolveSource } from "../resolve.js";
import { runUntilIdle } from "../../app/run-until-idle.js";
import type { CliSession } from "../session.js";

/** Flags of `push alert`. */
export interface PushAlertOptions {
  readonly source: string;
  readonly file?: string;
  readonly id?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly customer?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly device?: string;
  readonly severity?: string;
  readonly policy?: string;
  readonly fingerprint?: string;
  readonly label?: readonly string[];
  readonly wait?: boolean;
  readonly timeoutMs?: number;
}

/**
 * Pushes an alert event and waits for its ticket.
 *
 * @example
 * await pushAlert(session, { source: "rmm", id: "e1", kind: "fire", name: "Disk full", customer: "org-1", summary: "C: 98%" });
 */
export async function pushAlert(
  session: CliSession,
  options: PushAlertOptions,
): Promise<CommandResult> {
  const event =
    options.file === undefined ? eventFromFlags(options) : await eventFromFile(session, options);
  const engine = await session.engine();
  const source = await resolveSource(engine.ctx, options.source);
  const ingested = await callUseCase(engine.ctx, engine.features.alerts.useCases.ingest, {
    sourceId: source.id,
    event,
  });
  if (options.wait !== false && ingested.jobId !== undefined) {
    const jobId = ingested.jobId;
    const settled = async (): Promise<boolean> =>
      (await engine.ctx.queue.getJob(jobId)) === undefined &&
      isSettled(await incidentOf(engine, ingested.incidentKey));
    await runUntilIdle(engine, {
      timeoutMs: options.timeoutMs ?? 60_000,
      until: settled,
      ...(session.io.signal === undefined ? {} : { signal: session.io.signal }),
    });
    await assertSettled(engine, jobId, ingested.incidentKey);
  }
  const incident = await incidentOf(engine, ingested.incidentKey);
  return result(toData(ingested, incident), alertLines(ingested, incident));
}

function incidentOf(app: App, key: string): Promise<Incident | undefined> {
  return callUseCase(app.ctx, app.features.alerts.useCases.getIncident, { key });
}

/** Converged (open or closed, no error) or stopped on an error the worker will retry. */
function isSettled(incident: Incident | undefined): boolean {
  if (incident === undefined) return true;
  if (incident.data.lastError !== undefined) return true;
  return incident.state === "open" || incident.state === "closed";
}

async function assertSettled(app: App, jobId: string, key: string): Promise<void> {
  const job = await app.ctx.queue.getJob(jobId);
  const incident = await incidentOf(app, key);
  const lastError = incident?.data.lastError;
  if (job === undefined && lastError === undefined && isSettled(incident)) return;
  const message =
    lastError?.message ?? job?.lastError ?? `the incident is still ${incident?.state ?? "pending"}`;
  const details = {
    jobId,
    incident:
      incident === undefined ? null : { state: incident.state, ticketId: incident.ticketId },
    lastError: message,
  };
  const later = "the alert is stored; `cwbridge worker` keeps retrying";
  if (message.includes("CWB_ERR_CONNECTION_DISABLED")) {
    throw new CliError(
      "CWB_ERR_CLI_BLOCKED",
      `the connection is disabled: no ticket was written (${later} once it is enabled)`,
      details,
    );
  }
  throw new CliError(
    "CWB_ERR_CLI_JOB_FAILED",
    `the ticket work did not finish: ${message} (${later})`,
    details,
  );
}

async function eventFromFile(session: CliSession, options: PushAlertOptions): Promise<unknown> {
  const flags = [options.id, options.kind, options.name, options.customer, options.summary];
  if (flags.some((f) => f !== undefined))
    throw usageError("give either --file or the event flags, not both");
  return readJsonFile(options.file ?? "-", session.io);
}

/**
 * The event from flags; a usage error names every missing flag.
 *
 * @example
 * eventFromFlags({ source: "s", id: "e1", kind: "fire", name: "Disk", customer: "c1", summary: "x", label: ["env=prod"] })
 */
export function eventFromFlags(options: PushAlertOptions): Record<string, unknown> {
  const required = {
    id: options.id,
    kind: options.kind,
    name: options.name,
    customer: options.customer,
    summary: options.summary,
  };
  const missing = Object.entries(required)
    .filter(([, v]) => v === undefined)
    .map(([k]) => `--${k}`);
  if (missing.length > 0)
    throw usageError(`missing ${missing.join(", ")} (or give --file event.json)`);
  const optional = {
    deviceId: options.device,
    severity: options.severity,
    policy: options.policy,
    description: options.description,
    fingerprint: options.fingerprint,
  };
  return {
    id: options.id,
    kind: options.kind,
    name: options.name,
    customerId: options.customer,
    summary: options.summary,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    ...(options.label === undefined ? {} : { labels: parseLabels(options.label) }),
  };
}

/**
 * `k=v` pairs as a record.
 *
 * @example
 * parseLabels(["env=prod", "team=ops"]) // { env: "prod", team: "ops" }
 */
export function parseLabels(pairs: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw usageError(`--label must look like key=value (got "${pair.slice(0, 50)}")`);
    labels[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return labels;
}

function toData(ingested: IngestResult, incident: Incident | undefined): Record<string, unknown> {
  return {
    ...ingested,
    incident:
      incident === undefined
        ? null
        : {
            key: incident.key,
            state: incident.state,
            ticketId: incident.ticketId,
            summary: incident.summary,
          },
  };
}

function alertLines(ingested: IngestResult, incident: Incident | undefined): string[] {
  const lines = [
    ingested.duplicate === true
      ? "duplicate delivery: nothing changed"
      : `accepted: ${ingested.action}${ingested.reason === undefined ? "" : ` (${ingested.reason})`}`,
  ];
  if (incident !== undefined) {
    const ticket = incident.ticketId === null ? "no ticket yet" : `ticket #${incident.ticketId}`;
    lines.push(`incident ${incident.state}: ${ticket}`);
  }
  return lines;
}
