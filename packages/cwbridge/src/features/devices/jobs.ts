/**
 * Job handlers of the device sync: `sync-devices` (one partition) and `adopt-devices` (the
 * first sync of a source's companies: one batched read of existing configurations, adoption
 * links stored, then the partitions enqueued).
 */
import type { AppContext, JobHandlers } from "../../core/context.js";
import type { Job } from "../../queue/port.js";
import { adoptionCandidates, matchExisting, storeAdoption } from "./adopt-devices.js";
import { adoptedCompanies } from "./enqueue-sync.js";
import { DeviceError } from "./errors.js";
import { describeIssues } from "../../lib/describe-issues.js";
import {
  adoptDevicesPayloadSchema,
  DEVICE_JOB_KINDS,
  syncDevicesJob,
  syncDevicesPayloadSchema,
  type AdoptDevicesPayload,
} from "./job-specs.js";
import { mappedCompanyIds } from "../customers/index.js";
import { companiesNeedingCreates } from "./partition-queries.js";
import { syncPartition } from "./sync-partition.js";

function invalidPayload(
  job: Job,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): DeviceError {
  return new DeviceError(
    "CWB_ERR_DEVICE_SYNC_INVALID",
    `job ${job.id} (${job.kind}): ${describeIssues(issues)}`,
  );
}

/**
 * Adopts every not-yet-adopted company of a source that has devices waiting, then enqueues the
 * partitions of its not-yet-adopted companies and of every company with devices still to create
 * (a partition that ran concurrently with a push may have missed them). Reads only.
 *
 * @example
 * await adoptSource(ctx, { sourceId, connectionId }, job.id);
 */
export async function adoptSource(
  ctx: AppContext,
  payload: AdoptDevicesPayload,
  jobId?: string,
): Promise<{ adopted: number; review: number; companies: number }> {
  const { sourceId, connectionId } = payload;
  const all = await mappedCompanyIds(ctx.scope.db, sourceId);
  const done = await adoptedCompanies(ctx.scope.db, sourceId, all);
  const pending = all.filter((id) => !done.has(id));
  const candidates = await adoptionCandidates(ctx, sourceId, pending);
  let result = { links: [] as unknown[], review: [] as unknown[], companies: [] as number[] };
  if (candidates.length > 0) {
    const cw = await ctx.clients.forConnection(connectionId, { jobId });
    const matched = await matchExisting(ctx, cw, sourceId, candidates);
    await storeAdoption(ctx, sourceId, matched);
    result = {
      links: [...matched.links],
      review: [...matched.review],
      companies: [...matched.companies],
    };
  }
  const targets = new Set([...pending, ...(await companiesNeedingCreates(ctx.scope.db, sourceId))]);
  await ctx.scope.transaction(async (tx) => {
    for (const companyId of [...targets].sort((a, b) => a - b)) {
      await ctx.queue.enqueue(syncDevicesJob({ sourceId, connectionId, companyId }), tx.storeTx);
    }
  });
  return {
    adopted: result.links.length,
    review: result.review.length,
    companies: result.companies.length,
  };
}

/** Handlers of the device-sync job kinds. */
export const deviceJobHandlers: JobHandlers = {
  [DEVICE_JOB_KINDS.sync]: async (ctx, job) => {
    const parsed = syncDevicesPayloadSchema.safeParse(job.payload);
    if (!parsed.success) throw invalidPayload(job, parsed.error.issues);
    await syncPartition(ctx, parsed.data, { jobId: job.id });
  },
  [DEVICE_JOB_KINDS.adopt]: async (ctx, job) => {
    const parsed = adoptDevicesPayloadSchema.safeParse(job.payload);
    if (!parsed.success) throw invalidPayload(job, parsed.error.issues);
    await adoptSource(ctx, parsed.data, job.id);
  },
};
