/**
 * Executes a partition plan against ConnectWise in chunks of 50 writes, recording the devices'
 * state in one transaction per chunk (crash-safe: creates are marked outcome-unknown before
 * they are sent, so a crash before the chunk is recorded costs one search by device key, never a
 * duplicate; PATCHes are replace-only, so repeating them is harmless).
 *
 * - creates: marked outcome-unknown in batches BEFORE sending; POST with `deviceIdentifier` =
 *   the device key; success → id and hash stored; an ambiguous failure keeps the mark (the next
 *   run searches by device key first);
 * - updates/moves: PATCH of `diffPatch(last pushed, desired)` — replace-only, so retryable;
 *   a cross-company move without a mapped site clears the old company's site;
 * - deactivations: PATCH `activeFlag=false` + the inactive status; never DELETE.
 */
import { diffPatch, type ConnectWise, type PatchOperation } from "@cwbridge/connectwise";
import type { ConfigurationPayload } from "../../domain/device-config.js";
import type { DeviceSyncPlan, PlannedUpdate } from "../../domain/device-sync-plan.js";
import type { AppContext } from "../../core/context.js";
import { resolveConfigIds } from "./config-lookups.js";
import {
  markOutcomeUnknown,
  rowPushedPayload,
  saveDeviceError,
  savePushedMany,
  type DeviceRow,
  type PushedState,
} from "./device-repository.js";
import type { PartitionState } from "./partition.js";
import { runPool } from "../../lib/run-pool.js";
import { classifyFailure, failureMessage } from "./sync-errors.js";

/** Status names used for (de)activation. */
export const ACTIVE_STATUS = "Active";
export const INACTIVE_STATUS = "Inactive";

/** Requests in flight per partition (the client's throttle caps the connection as a whole). */
export const PARTITION_CONCURRENCY = 8;

/** What a run did. */
export interface ExecutionResult {
  created: number;
  updated: number;
  moved: number;
  deactivated: number;
  /** Hash refreshed without a request (the diff was empty). */
  refreshed: number;
  readonly errors: { externalId: string; message: string; kind: string }[];
  /** A transient or ambiguous failure happened: the job should run again. */
  retry: boolean;
  /** The connection was disabled mid-run: nothing more was sent. */
  disabled: boolean;
}

interface Run {
  readonly ctx: AppContext;
  readonly cw: ConnectWise;
  readonly state: PartitionState;
  readonly result: ExecutionResult;
  readonly statusIds: Map<string, number | undefined>;
  /** Successful writes not yet recorded (flushed after every chunk, in one transaction). */
  readonly saved: [string, PushedState][];
}

/** Writes (and records) per chunk: one commit per chunk. */
const CHUNK = 50;

async function flush(run: Run): Promise<void> {
  const items = run.saved.splice(0, run.saved.length);
  await savePushedMany(run.ctx.scope, run.state.partition.sourceId, items);
}

async function inChunks<T>(
  run: Run,
  items: readonly T[],
  fn: (item: T) => Promise<void>,
): Promise<void> {
  for (let i = 0; i < items.length && !run.result.disabled; i += CHUNK) {
    await runPool(items.slice(i, i + CHUNK), PARTITION_CONCURRENCY, fn, () => run.result.disabled);
    await flush(run);
  }
}

function siteOf(payload: ConfigurationPayload): number | null {
  return payload.site?.id ?? null;
}

function fail(run: Run, row: { externalId: string }, error: unknown, create: boolean) {
  const kind = classifyFailure(error, create);
  const message = failureMessage(error);
  run.result.errors.push({ externalId: row.externalId, message, kind });
  if (kind === "disabled") run.result.disabled = true;
  if (kind === "ambiguous" || kind === "retryable") run.result.retry = true;
  return { kind, message };
}

async function statusId(run: Run, name: string): Promise<number | undefined> {
  if (!run.statusIds.has(name)) {
    try {
      const ids = await resolveConfigIds(
        run.ctx,
        run.cw,
        run.state.partition.connectionId,
        "status",
        [name],
        {
          create: true,
        },
      );
      run.statusIds.set(name, ids.get(name.toLowerCase()));
    } catch {
      run.statusIds.set(name, undefined); // not creatable: activeFlag alone still applies
    }
  }
  return run.statusIds.get(name);
}

async function createOne(run: Run, create: DeviceSyncPlan["creates"][number]): Promise<void> {
  const { ctx, cw, state } = run;
  const { sourceId, companyId } = state.partition;
  try {
    const created = await cw.configurations.create(create.payload);
    run.saved.push([
      create.externalId,
      {
        cwConfigId: created.id,
        companyId,
        siteId: siteOf(create.payload),
        payload: create.payload,
        hash: create.hash,
        inactive: false,
      },
    ]);
    run.result.created++;
  } catch (error) {
    const { kind, message } = fail(run, create, error, true);
    if (kind === "ambiguous") return; // keep outcome_unknown: search before creating again
    await markOutcomeUnknown(ctx.scope, sourceId, [create.externalId], false);
    if (kind === "permanent")
      await saveDeviceError(ctx.scope, sourceId, create.externalId, message);
  }
}

async function updateOps(
  run: Run,
  update: PlannedUpdate,
  row: DeviceRow | undefined,
): Promise<PatchOperation[]> {
  const pushed = (row === undefined ? undefined : rowPushedPayload(row)) ?? {};
  const desired: Record<string, unknown> = { ...update.payload };
  const movedCompany =
    row?.cw_company_id !== null && row?.cw_company_id !== update.payload.company.id;
  if (movedCompany && update.payload.site === undefined && "site" in pushed) desired["site"] = null;
  const ops = diffPatch(pushed, desired);
  if (update.reactivate) {
    const id = await statusId(run, ACTIVE_STATUS);
    if (id !== undefined) ops.push({ op: "replace", path: "status", value: { id } });
    if (!ops.some((op) => op.path === "activeFlag"))
      ops.push({ op: "replace", path: "activeFlag", value: true });
  }
  return ops;
}

async function updateOne(run: Run, update: PlannedUpdate, move: boolean): Promise<void> {
  const { ctx, cw, state } = run;
  const { sourceId } = state.partition;
  const row = state.rows.get(update.externalId);
  const saved = {
    cwConfigId: update.cwConfigId,
    companyId: update.payload.company.id,
    siteId: siteOf(update.payload),
    payload: update.payload,
    hash: update.hash,
    inactive: false,
  };
  // A configuration adopted in this run (linked, never pushed by us) is reported as adopted
  // (the sync report's `adopted`), not also as updated or unchanged.
  const adopted = row !== undefined && row.pushed_hash === null;
  try {
    const ops = await updateOps(run, update, row);
    if (ops.length === 0) {
      run.saved.push([update.externalId, saved]);
      if (!adopted) run.result.refreshed++;
      return;
    }
    await cw.configurations.patch(update.cwConfigId, ops);
    run.saved.push([update.externalId, saved]);
    if (move) run.result.moved++;
    else if (!adopted) run.result.updated++;
  } catch (error) {
    const { kind, message } = fail(run, update, error, false);
    if (kind === "gone" || kind === "permanent") {
      await saveDeviceError(ctx.scope, sourceId, update.externalId, message, {
        forgetConfig: kind === "gone",
      });
    }
  }
}

async function deactivateOne(
  run: Run,
  item: DeviceSyncPlan["deactivations"][number],
): Promise<void> {
  const { ctx, cw, state } = run;
  const { sourceId } = state.partition;
  const row = state.rows.get(item.externalId);
  const ops: PatchOperation[] = [{ op: "replace", path: "activeFlag", value: false }];
  const inactive = await statusId(run, INACTIVE_STATUS);
  if (inactive !== undefined) ops.push({ op: "replace", path: "status", value: { id: inactive } });
  const pushed = (row === undefined ? undefined : rowPushedPayload(row)) ?? {};
  try {
    await cw.configurations.patch(item.cwConfigId, ops);
    run.saved.push([
      item.externalId,
      {
        cwConfigId: item.cwConfigId,
        companyId: item.companyId,
        siteId: row?.cw_site_id ?? null,
        payload: {
          ...pushed,
          activeFlag: false,
          ...(inactive === undefined ? {} : { status: { id: inactive } }),
        },
        hash: row?.pushed_hash ?? null,
        inactive: true,
      },
    ]);
    run.result.deactivated++;
  } catch (error) {
    const { kind, message } = fail(run, item, error, false);
    if (kind === "gone" || kind === "permanent") {
      await saveDeviceError(ctx.scope, sourceId, item.externalId, message, {
        forgetConfig: kind === "gone",
      });
    }
  }
}

/**
 * Executes a plan (writes only what the plan says; blocked deactivations are not in it).
 *
 * @example
 * const result = await executePlan(ctx, cw, state, plan);
 * result.created; result.retry
 */
export async function executePlan(
  ctx: AppContext,
  cw: ConnectWise,
  state: PartitionState,
  plan: DeviceSyncPlan,
): Promise<ExecutionResult> {
  const result: ExecutionResult = {
    created: 0,
    updated: 0,
    moved: 0,
    deactivated: 0,
    refreshed: 0,
    errors: [],
    retry: false,
    disabled: false,
  };
  const run: Run = { ctx, cw, state, result, statusIds: new Map(), saved: [] };
  const stop = () => result.disabled;
  await inChunks(run, plan.moves, (m) => updateOne(run, m, true));
  await inChunks(run, plan.updates, (u) => updateOne(run, u, false));
  for (let i = 0; i < plan.creates.length && !stop(); i += CHUNK) {
    const batch = plan.creates.slice(i, i + CHUNK);
    await markOutcomeUnknown(
      ctx.scope,
      state.partition.sourceId,
      batch.map((c) => c.externalId),
      true,
    );
    await runPool(batch, PARTITION_CONCURRENCY, (c) => createOne(run, c), stop);
    await flush(run);
    if (stop()) {
      // Not sent: clear the marks of the creates that never went out.
      const sent = new Set(result.errors.map((e) => e.externalId));
      const unsent = batch.filter((c) => !sent.has(c.externalId)).map((c) => c.externalId);
      await markOutcomeUnknown(ctx.scope, state.partition.sourceId, unsent, false);
    }
  }
  await inChunks(run, plan.deactivations, (d) => deactivateOne(run, d));
  return result;
}
