/**
 * Device-sync job kinds, payloads, keys and queues.
 *
 * - `sync-devices` — one (source, company) partition; key per partition so repeated pushes
 *   coalesce into one pending job; queue per partition so one partition never runs twice at once
 *   (different companies run concurrently).
 * - `adopt-devices` — the first sync of a source's companies: one streamed read of the existing
 *   configurations of every not-yet-adopted company (`company/id in (…)`, pageSize 1000, trimmed
 *   fields), adoption matches stored, then the partitions are enqueued.
 */
import { z } from "zod";
import { JOB_PRIORITY } from "../../core/context.js";
import type { JobSpec } from "../../queue/port.js";

/** Job kinds of the device sync. */
export const DEVICE_JOB_KINDS = {
  sync: "sync-devices",
  adopt: "adopt-devices",
} as const;

/** Payload of `sync-devices`. */
export const syncDevicesPayloadSchema = z
  .object({
    sourceId: z.string().min(1),
    connectionId: z.string().min(1),
    companyId: z.number().int().positive(),
  })
  .strict();
export type SyncDevicesPayload = z.infer<typeof syncDevicesPayloadSchema>;

/** Payload of `adopt-devices`. */
export const adoptDevicesPayloadSchema = z
  .object({ sourceId: z.string().min(1), connectionId: z.string().min(1) })
  .strict();
export type AdoptDevicesPayload = z.infer<typeof adoptDevicesPayloadSchema>;

/**
 * The job of one partition.
 *
 * @example
 * await ctx.queue.enqueue(syncDevicesJob({ sourceId, connectionId, companyId: 250 }), tx);
 */
export function syncDevicesJob(payload: SyncDevicesPayload): JobSpec {
  return {
    kind: DEVICE_JOB_KINDS.sync,
    payload,
    key: `sync-devices:${payload.sourceId}:${payload.companyId}`,
    queue: `devices:${payload.sourceId}:${payload.companyId}`,
    priority: JOB_PRIORITY.sync,
  };
}

/**
 * The adoption job of a source.
 *
 * @example
 * await ctx.queue.enqueue(adoptDevicesJob({ sourceId, connectionId }), tx);
 */
export function adoptDevicesJob(payload: AdoptDevicesPayload): JobSpec {
  return {
    kind: DEVICE_JOB_KINDS.adopt,
    payload,
    key: `adopt-devices:${payload.sourceId}`,
    queue: `adopt:${payload.sourceId}`,
    priority: JOB_PRIORITY.sync,
  };
}

/**
 * The kv key that records a (source, company) as adopted.
 *
 * @example
 * adoptedKey("src-1", 250) // "devices:adopted:src-1:250"
 */
export function adoptedKey(sourceId: string, companyId: number): string {
  return `devices:adopted:${sourceId}:${companyId}`;
}

/**
 * The kv key of a partition's last sync report.
 *
 * @example
 * reportKey("src-1", 250) // "devices:report:src-1:250"
 */
export function reportKey(sourceId: string, companyId: number): string {
  return `devices:report:${sourceId}:${companyId}`;
}
