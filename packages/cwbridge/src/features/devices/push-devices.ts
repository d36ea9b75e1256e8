/**
 * `pushDevices`: a source's devices into the store, all or nothing, streamed in chunks of
 * 1,000 (only one chunk of parsed devices is held at a time), and — in the SAME transaction —
 * one `sync-devices` job per affected (source, company) partition (outbox; keyed, so repeated
 * pushes coalesce). An unchanged device costs one hash and no job.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "../../domain/canonical-json.js";
import { safeString } from "../../domain/safe-text.js";
import type { SourceDevice } from "../../domain/device-config.js";
import type { AppContext } from "../../core/context.js";
import { issuePath } from "../../core/issue-path.js";
import { nowIso } from "../../store/index.js";
import type { TenantTx } from "../../store/tenant-scope.js";
import { describeIssues } from "../../lib/describe-issues.js";
import { nextStamp } from "../../lib/monotonic-stamp.js";
import { sourceConnectionId } from "../sources/index.js";
import {
  devicesBefore,
  lastSeenStamp,
  markRemoved,
  touchDevices,
  upsertPushedDevices,
  type RemovedFilter,
} from "./device-repository.js";
import { deviceInputSchema, toSourceDevice } from "./device-schema.js";
import { enqueueDeviceSync } from "./enqueue-sync.js";
import { DeviceError, type DeviceIssue } from "./errors.js";
import { companiesToSync } from "../customers/index.js";

/** Most devices accepted in one push. */
export const MAX_DEVICES_PER_PUSH = 250_000;
const CHUNK = 1000;
const WRITE_CHUNK = 500;
const MAX_ISSUES = 100;

/** Options of {@link pushDevices}. */
export const pushDevicesOptionsSchema = z
  .object({
    /** `snapshot`: the complete list (absent devices are removed); `delta`: only these. */
    mode: z.enum(["snapshot", "delta"]),
    /** External ids of devices the source removed (delta pushes). */
    removed: z.array(safeString().trim().min(1).max(200)).max(MAX_DEVICES_PER_PUSH).optional(),
  })
  .strict();

/** Options of {@link pushDevices}. */
export type PushDevicesOptions = z.input<typeof pushDevicesOptionsSchema>;

/** What a push did. */
export interface PushDevicesReport {
  readonly received: number;
  /** New or changed devices. */
  readonly changed: number;
  readonly unchanged: number;
  /** Devices marked removed (absent from a snapshot, or listed in `removed`). */
  readonly removed: number;
  /** `sync-devices` jobs enqueued (adoption-pending companies are counted in `adoption`). */
  readonly partitions: number;
  /** Whether an `adopt-devices` job was enqueued (first sync of some companies). */
  readonly adoption: boolean;
}

interface PushState {
  index: number;
  changed: number;
  unchanged: number;
  readonly issues: DeviceIssue[];
  issueCount: number;
  readonly seen: Set<string>;
  /** Customers whose devices changed (their partitions need a sync). */
  readonly customers: Set<string>;
}

/**
 * Change-detection hash of a source device (not security).
 *
 * @example
 * deviceHash(device) === row.content_hash // unchanged
 */
export function deviceHash(device: SourceDevice): string {
  return createHash("sha256").update(canonicalJson(device)).digest("base64url");
}

/** Issues of item `index` of the `devices` list (or of the `removed` list). */
function addIssues(
  state: PushState,
  index: number,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  list: "devices" | "removed" = "devices",
): void {
  state.issueCount += issues.length;
  for (const issue of issues) {
    if (state.issues.length >= MAX_ISSUES) return;
    state.issues.push({
      path: list === "removed" ? issuePath([list, index]) : issuePath([list, index, ...issue.path]),
      index,
      field: issue.path.map(String).join(".") || "item",
      message: issue.message,
    });
  }
}

async function writeChunk(
  tx: TenantTx,
  sourceId: string,
  devices: readonly SourceDevice[],
  stamp: string,
  state: PushState,
): Promise<void> {
  const before = await devicesBefore(
    tx,
    sourceId,
    devices.map((d) => d.externalId),
  );
  const existing = new Map(before.map((row) => [row.external_id, row]));
  const changed = [];
  const unchanged: string[] = [];
  for (const device of devices) {
    const hash = deviceHash(device);
    const before = existing.get(device.externalId);
    const same =
      before !== undefined &&
      before.content_hash === hash &&
      before.customer_external_id === device.customerExternalId &&
      before.state === "active";
    if (same) {
      unchanged.push(device.externalId);
      continue;
    }
    state.customers.add(device.customerExternalId);
    if (before !== undefined) state.customers.add(before.customer_external_id);
    changed.push({
      source_id: sourceId,
      external_id: device.externalId,
      customer_external_id: device.customerExternalId,
      data_json: JSON.stringify(device),
      content_hash: hash,
      state: "active" as const,
      absent_count: 0,
      last_seen_at: stamp,
      updated_at: stamp,
    });
  }
  state.changed += changed.length;
  state.unchanged += unchanged.length;
  for (let i = 0; i < changed.length; i += WRITE_CHUNK) {
    await upsertPushedDevices(tx, changed.slice(i, i + WRITE_CHUNK));
  }
  for (let i = 0; i < unchanged.length; i += WRITE_CHUNK) {
    await touchDevices(tx, sourceId, unchanged.slice(i, i + WRITE_CHUNK), stamp);
  }
}

async function removeDevices(
  tx: TenantTx,
  sourceId: string,
  filter: RemovedFilter,
  now: string,
): Promise<{ count: number; companies: number[] }> {
  const companies = new Set<number>();
  let count = 0;
  const batches =
    "ids" in filter ? chunks(filter.ids, WRITE_CHUNK).map((ids) => ({ ids })) : [filter];
  for (const batch of batches) {
    const gone = await markRemoved(tx, sourceId, batch, now);
    for (const id of gone.companies) companies.add(id);
    count += gone.count;
  }
  return { count, companies: [...companies] };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Validates and stores devices (all or nothing: any invalid item → `CWB_ERR_DEVICE_INVALID`
 * listing index + field, nothing stored) and enqueues their sync.
 *
 * @example
 * await pushDevices(ctx, sourceId, [{ externalId: "d1", customerId: "org-1", name: "PC-01", type: "Managed Workstation" }], { mode: "delta" });
 * // { received: 1, changed: 1, unchanged: 0, removed: 0, partitions: 0, adoption: true }
 */
export async function pushDevices(
  ctx: AppContext,
  sourceId: string,
  devices: Iterable<unknown> | AsyncIterable<unknown>,
  options: PushDevicesOptions,
): Promise<PushDevicesReport> {
  const parsedOptions = pushDevicesOptionsSchema.safeParse(options);
  if (!parsedOptions.success) {
    throw new DeviceError(
      "CWB_ERR_DEVICE_INVALID",
      `invalid options: ${describeIssues(parsedOptions.error.issues)}`,
    );
  }
  const { mode, removed = [] } = parsedOptions.data;
  const connectionId = await sourceConnectionId(ctx, sourceId);
  const state: PushState = {
    index: 0,
    changed: 0,
    unchanged: 0,
    issues: [],
    issueCount: 0,
    seen: new Set(),
    customers: new Set(),
  };
  return ctx.scope.transaction(async (tx) => {
    const now = nowIso();
    const stamp = nextStamp(await lastSeenStamp(tx, sourceId), now);
    let chunk: SourceDevice[] = [];
    for await (const raw of devices) {
      const index = state.index++;
      if (index >= MAX_DEVICES_PER_PUSH) {
        addIssues(state, index, [
          { path: [], message: `more than ${MAX_DEVICES_PER_PUSH} devices in one push` },
        ]);
        break;
      }
      const result = deviceInputSchema.safeParse(raw);
      if (!result.success) {
        addIssues(state, index, result.error.issues);
        continue;
      }
      const { externalId } = result.data;
      if (state.seen.has(externalId)) {
        addIssues(state, index, [
          { path: ["externalId"], message: `duplicate externalId "${externalId}" in this push` },
        ]);
        continue;
      }
      state.seen.add(externalId);
      if (state.issueCount > 0) continue; // keep validating, stop writing
      chunk.push(toSourceDevice(result.data));
      if (chunk.length >= CHUNK) {
        await writeChunk(tx, sourceId, chunk, stamp, state);
        chunk = [];
      }
    }
    for (const [i, id] of removed.entries()) {
      if (state.seen.has(id)) {
        addIssues(
          state,
          i,
          [{ path: ["removed"], message: `device "${id}" is both pushed and removed` }],
          "removed",
        );
      }
    }
    if (state.issueCount > 0) {
      const shown = state.issues.map((i) => `[${i.index}].${i.field}: ${i.message}`).slice(0, 10);
      const more =
        state.issueCount > shown.length ? `; … ${state.issueCount - shown.length} more` : "";
      throw new DeviceError(
        "CWB_ERR_DEVICE_INVALID",
        `invalid devices (nothing stored): ${shown.join("; ")}${more}`,
        { issues: state.issues },
      );
    }
    if (chunk.length > 0) await writeChunk(tx, sourceId, chunk, stamp, state);
    const gone = await removeDevices(
      tx,
      sourceId,
      mode === "snapshot" ? { before: stamp } : { ids: removed },
      now,
    );
    if (mode === "snapshot" && removed.length > 0) {
      const extra = await removeDevices(tx, sourceId, { ids: removed }, now);
      gone.count += extra.count;
      gone.companies.push(...extra.companies);
    }
    const companies = [
      ...(await companiesToSync(tx, sourceId, state.customers)),
      ...gone.companies,
    ];
    const enqueued = await enqueueDeviceSync(ctx, tx, {
      sourceId,
      connectionId,
      companyIds: companies,
    });
    return {
      received: state.index,
      changed: state.changed,
      unchanged: state.unchanged,
      removed: gone.count,
      ...enqueued,
    };
  });
}
