/**
 * The `sync-devices` job: brings one (source, company) partition in ConnectWise in line with
 * the store. Idempotent and crash-safe (per-device state after each request, search by device
 * key before re-creating after an ambiguous create). Every create adopts first: the company's
 * first sync reads its configurations, later runs look the devices about to be created up.
 * Nothing is written while the connection is disabled.
 */
import type { ConnectWise } from "@cwbridge/connectwise";
import type { BlockedDeactivation } from "../../domain/device-sync-plan.js";
import type { AppContext } from "../../core/context.js";
import { deleteKv, getKv, nowIso } from "../../store/index.js";
import {
  adoptionCandidates,
  matchExisting,
  resolveUnknownOutcomes,
  storeAdoption,
} from "./adopt-devices.js";
import { adoptBeforeCreate } from "./adopt-before-create.js";
import { dropCoverage } from "./adoption-coverage.js";
import { resolveConfigIds } from "./config-lookups.js";
import { rowSourceDevice } from "./device-repository.js";
import { findConnectionRow } from "../connections/index.js";
import { DeviceError } from "./errors.js";
import { executePlan } from "./execute-plan.js";
import { adoptedCompanies } from "./enqueue-sync.js";
import { approvedKey, connectionSyncSettings } from "./sync-settings.js";
import { buildPartitionPlan, isDesired, loadPartition, type PartitionState } from "./partition.js";
import { notePartition, setPartitionStatus, type Partition } from "./partition-status.js";
import { classifyFailure, failureMessage } from "./sync-errors.js";
import { saveSyncReport, type SyncReport } from "./sync-report.js";

/** Message left on the mappings while the connection is disabled. */
export const DISABLED_MESSAGE =
  "connection is disabled: nothing was written to ConnectWise (enable it, or run a plan to see the writes)";

function blockedMessage(blocked: BlockedDeactivation, threshold: number): string {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return (
    `mass-deactivation guard: ${blocked.wouldDeactivate} of ${blocked.total} active configurations ` +
    `(${pct(blocked.ratio)}) would be deactivated, above the ${pct(threshold)} threshold; ` +
    `none were deactivated — check the source, or approve with approveDeactivations`
  );
}

async function adoptIfFirst(
  ctx: AppContext,
  cw: ConnectWise,
  partition: Partition,
): Promise<number> {
  const { sourceId, companyId } = partition;
  const adopted = await adoptedCompanies(ctx.scope.db, sourceId, [companyId]);
  if (adopted.has(companyId)) return 0;
  const candidates = await adoptionCandidates(ctx, sourceId, [companyId]);
  if (candidates.length === 0) return 0;
  const result = await matchExisting(ctx, cw, sourceId, candidates);
  await storeAdoption(ctx, sourceId, result);
  return result.links.length;
}

async function resolveTypes(ctx: AppContext, cw: ConnectWise, state: PartitionState) {
  const names = new Set<string>();
  for (const row of state.rows.values()) {
    if (isDesired(state, row)) names.add(rowSourceDevice(row).type.trim());
  }
  return resolveConfigIds(ctx, cw, state.partition.connectionId, "type", names, { create: true });
}

function emptyReport(
  partition: Partition,
  outcome: SyncReport["outcome"],
  message: string | null,
): SyncReport {
  return {
    ...partition,
    at: nowIso(),
    outcome,
    created: 0,
    updated: 0,
    moved: 0,
    deactivated: 0,
    unchanged: 0,
    adopted: 0,
    held: 0,
    blocked: null,
    errors: [],
    message,
  };
}

async function runPartition(
  ctx: AppContext,
  cw: ConnectWise,
  partition: Partition,
  settings: { threshold: number },
): Promise<SyncReport & { readonly retry: boolean }> {
  // Adopt first, then load: the plan must see every device the adoption read covered.
  const adopted = await adoptIfFirst(ctx, cw, partition);
  let state = await loadPartition(ctx, partition);
  const siteOf = (row: { customer_external_id: string }) =>
    state.mappings.get(row.customer_external_id)?.siteId ?? null;
  const found = await resolveUnknownOutcomes(
    ctx,
    cw,
    partition.sourceId,
    [...state.rows.values()],
    {
      store: true,
      siteOf,
    },
  );
  if (found.length > 0) state = await loadPartition(ctx, partition);
  // Every create adopts first: devices about to be created are looked up in ConnectWise.
  const late = await adoptBeforeCreate(ctx, cw, state);
  if (late.adopted + late.held > 0) state = await loadPartition(ctx, partition);
  const types = await resolveTypes(ctx, cw, state);
  const approval = approvedKey(partition.sourceId, partition.companyId);
  const approved = (await getKv(ctx.scope.db, approval)) !== undefined;
  const { plan, held } = buildPartitionPlan(state, {
    types,
    threshold: settings.threshold,
    approved,
  });
  const result = await executePlan(ctx, cw, state, plan);
  if (approved && plan.deactivations.length > 0 && !result.retry) {
    await deleteKv(ctx.scope.db, approval);
  }
  if (!result.retry) await dropCoverage(ctx, partition.sourceId, partition.companyId);
  const blocked = plan.blocked[0] ?? null;
  const problems = [
    ...(blocked === null ? [] : [blockedMessage(blocked, settings.threshold)]),
    ...(result.disabled ? [DISABLED_MESSAGE] : []),
    ...(result.errors.length > 0
      ? [
          `${result.errors.length} device(s) failed; first: ${result.errors[0]?.externalId}: ${result.errors[0]?.message}`,
        ]
      : []),
  ];
  return {
    ...partition,
    at: nowIso(),
    outcome: problems.length === 0 ? "synced" : "error",
    created: result.created,
    updated: result.updated,
    moved: result.moved,
    deactivated: result.deactivated,
    unchanged: plan.unchanged.length + result.refreshed,
    adopted: adopted + found.length + late.adopted,
    held: held.length,
    blocked,
    errors: result.errors.map(({ externalId, message }) => ({ externalId, message })),
    message:
      [
        ...problems,
        ...(held.length === 0
          ? []
          : [`${held.length} device(s) wait for an adoption decision (resolveAdoption)`]),
      ].join(" | ") || null,
    retry: result.retry,
  };
}

/**
 * Syncs one partition now (the `sync-devices` handler calls this); returns its report.
 * Throws (so the queue retries) after transient or ambiguous failures.
 *
 * @example
 * const report = await syncPartition(ctx, { sourceId, connectionId, companyId: 250 });
 */
export async function syncPartition(
  ctx: AppContext,
  partition: Partition,
  options: { readonly jobId?: string } = {},
): Promise<SyncReport> {
  const connection = await findConnectionRow(ctx.scope.db, partition.connectionId);
  if (connection === undefined) return emptyReport(partition, "skipped", "connection not found");
  if (connection.enabled !== 1) {
    await notePartition(ctx, partition, DISABLED_MESSAGE);
    const report = emptyReport(partition, "skipped", DISABLED_MESSAGE);
    await saveSyncReport(ctx, report);
    return report;
  }
  const settings = connectionSyncSettings(connection.settings_json);
  const cw = await ctx.clients.forConnection(partition.connectionId, { jobId: options.jobId });
  await setPartitionStatus(ctx, partition, "Syncing", null);
  let report: SyncReport & { readonly retry: boolean };
  try {
    report = await runPartition(ctx, cw, partition, settings);
  } catch (error) {
    const message = failureMessage(error);
    await setPartitionStatus(ctx, partition, "Error", message);
    await saveSyncReport(ctx, { ...emptyReport(partition, "error", message) });
    // Permanent failures (permission, validation of a setup write…) are reported, not retried.
    if (classifyFailure(error, false) === "permanent")
      return emptyReport(partition, "error", message);
    throw error;
  }
  const { retry, ...stored } = report;
  await saveSyncReport(ctx, stored);
  await setPartitionStatus(
    ctx,
    partition,
    stored.outcome === "synced" ? "Synced" : "Error",
    stored.message,
  );
  if (retry) {
    throw new DeviceError(
      "CWB_ERR_DEVICE_SYNC_FAILED",
      `partition ${partition.companyId}: ${stored.message ?? "retry"}`,
    );
  }
  return stored;
}
