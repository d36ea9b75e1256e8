/**
 * `cwbridge sync [--plan] [--source s] [--connection c] [--approve <companyId>]`:
 * `--plan` prints what would be written per company (creates, updates, moves, deactivations,
 * with diffs) and writes nothing; without it, enqueues the sync of every company in scope and
 * runs the worker until the work is done, then prints the per-company reports. A blocked
 * company (mass-deactivation guard) or a disabled connection exits 5.
 */
import type { AppContext } from "../../core/context.js";
import { callUseCase } from "../../core/use-case.js";
import { FEATURES } from "../../app/features.js";
import {
  type RunSyncReport,
  type SyncReport,
  type SyncScope,
} from "../../features/devices/index.js";
import { listSources } from "../../features/sources/index.js";
import { CliError, usageError } from "../cli-error.js";
import { result, type CommandResult } from "../command-result.js";
import { runTasks } from "../progress.js";
import { planLines, syncReportLines } from "../render/sync.js";
import { resolveConnection, resolveSource } from "../resolve.js";
import { runUntilIdle, type IdleReport } from "../../app/run-until-idle.js";
import type { CliSession } from "../session.js";

/** Flags of `sync`. */
export interface SyncOptions {
  readonly plan?: boolean;
  readonly source?: string;
  readonly connection?: string;
  readonly approve?: string;
  readonly timeoutMs?: number;
}

/**
 * Plans or runs a device sync.
 *
 * @example
 * await syncCommand(session, { plan: true, source: "rmm" });
 */
export async function syncCommand(
  session: CliSession,
  options: SyncOptions,
): Promise<CommandResult> {
  const engine = await session.engine();
  const scope = await resolveScope(engine.ctx, options);
  if (options.plan === true) {
    const plan = await callUseCase(engine.ctx, engine.features.devices.useCases.plan, scope);
    return result({ plan }, planLines(plan));
  }
  if (options.approve !== undefined) await approve(engine.ctx, scope, options.approve);
  const startedAt = new Date().toISOString();
  const failedBefore = (await engine.ctx.queue.stats()).failed;
  const state: { enqueued?: RunSyncReport; idle?: IdleReport } = {};
  await runTasks(
    session.out,
    [
      {
        title: "Queueing the sync",
        task: async (ctx, task) => {
          ctx.enqueued = await callUseCase(
            engine.ctx,
            engine.features.devices.useCases.sync,
            scope,
          );
          task.title = `Queued ${ctx.enqueued.partitions} company sync(s) of ${ctx.enqueued.sources} source(s)`;
        },
      },
      {
        title: "Syncing devices to configurations",
        task: async (ctx, task) => {
          ctx.idle = await runUntilIdle(engine, {
            ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
            ...(session.io.signal === undefined ? {} : { signal: session.io.signal }),
            onPoll: (s) => {
              task.output = `${s.pending} pending, ${s.running} running, ${s.failed} failed`;
            },
          });
        },
      },
    ],
    state,
  );
  const reports = await reportsSince(engine.ctx, scope, startedAt);
  return finish(reports, state.idle, (state.idle?.stats.failed ?? failedBefore) - failedBefore);
}

async function resolveScope(ctx: AppContext, options: SyncOptions): Promise<SyncScope> {
  const source =
    options.source === undefined ? undefined : await resolveSource(ctx, options.source);
  const connection =
    options.connection === undefined ? undefined : await resolveConnection(ctx, options.connection);
  return {
    ...(source === undefined ? {} : { sourceId: source.id }),
    ...(connection === undefined ? {} : { connectionId: connection.id }),
  };
}

async function approve(ctx: AppContext, scope: SyncScope, company: string): Promise<void> {
  if (scope.sourceId === undefined) throw usageError("--approve needs --source");
  if (!/^\d+$/.test(company))
    throw usageError("--approve takes a ConnectWise company id (a number)");
  await callUseCase(ctx, FEATURES.devices.useCases.approveDeactivations, {
    sourceId: scope.sourceId,
    companyId: Number(company),
  });
}

async function reportsSince(
  ctx: AppContext,
  scope: SyncScope,
  since: string,
): Promise<SyncReport[]> {
  const sources = (await listSources(ctx)).filter(
    (s) =>
      (scope.sourceId === undefined || s.id === scope.sourceId) &&
      (scope.connectionId === undefined || s.connectionId === scope.connectionId),
  );
  const all = await Promise.all(
    sources.map((s) => callUseCase(ctx, FEATURES.devices.useCases.reports, { sourceId: s.id })),
  );
  return all.flat().filter((r) => r.at >= since);
}

function finish(
  reports: readonly SyncReport[],
  idle: IdleReport | undefined,
  newlyFailed: number,
): CommandResult {
  const data = {
    reports,
    queue: idle?.stats,
    waiting: idle?.waiting ?? 0,
    failedJobs: newlyFailed,
  };
  const lines = syncReportLines(reports);
  const blocked = reports.filter((r) => r.blocked !== null || r.outcome === "skipped");
  if (blocked.length > 0) {
    throw new CliError(
      "CWB_ERR_CLI_BLOCKED",
      `sync blocked for ${blocked.length} company(ies): ${blocked[0]?.message ?? "see details"}`,
      data,
      lines,
    );
  }
  const failed = reports.filter((r) => r.outcome === "error");
  if (failed.length > 0 || idle?.timedOut === true || newlyFailed > 0) {
    throw new CliError(
      "CWB_ERR_CLI_JOB_FAILED",
      failed.length > 0
        ? `sync failed for ${failed.length} company(ies): ${failed[0]?.message ?? ""}`
        : idle?.timedOut === true
          ? "the sync did not finish in time; `cwbridge worker` continues it"
          : `${newlyFailed} job(s) failed; see cwbridge doctor`,
      data,
      lines,
    );
  }
  const retrying =
    (idle?.waiting ?? 0) > 0
      ? [`${idle?.waiting} job(s) wait for a retry: cwbridge worker runs them`]
      : [];
  return result(data, [...lines, ...retrying]);
}
