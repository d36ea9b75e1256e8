/**
 * `planSync` (dry-run, the CLI's `cwbridge sync --plan`): what a sync would write per company —
 * creates, updates, moves, deactivations (with field diffs) and blocked deactivations, and the
 * adoptions that replace creates — WITHOUT writing anything to ConnectWise or to the device
 * state. Reads (adoption preview: the first-sync read and the lookup before creates, the search
 * after ambiguous creates, type lookups) are allowed, so it works while the connection is
 * disabled.
 */
import type { ConnectWise } from "@cwbridge/connectwise";
import type { FieldChange } from "../../domain/device-config.js";
import type { BlockedDeactivation, DeviceSyncPlan } from "../../domain/device-sync-plan.js";
import type { AppContext } from "../../core/context.js";
import { connectionNotFound } from "../../connectwise/errors.js";
import {
  adoptionCandidates,
  applyLinks,
  matchExisting,
  resolveUnknownOutcomes,
  type AdoptionResult,
} from "./adopt-devices.js";
import { matchPartitionCreates } from "./adopt-before-create.js";
import { resolveConfigIds } from "./config-lookups.js";
import { rowSourceDevice } from "./device-repository.js";
import { adoptedCompanies } from "./enqueue-sync.js";
import { getKv } from "../../store/index.js";
import { buildPartitionPlan, isDesired, loadPartition, type PartitionState } from "./partition.js";
import { findConnectionRow } from "../connections/index.js";
import { cachedCompanyName } from "../customers/index.js";
import { unmappedDeviceCount } from "./partition-queries.js";
import { sourceCompanies, sourcesInScope, type SyncScope } from "./partitions-of.js";
import { approvedKey, connectionSyncSettings } from "./sync-settings.js";

/** One planned write. */
export interface PlannedChange {
  readonly externalId: string;
  readonly action: "create" | "update" | "move" | "deactivate";
  readonly cwConfigId?: number;
  readonly fields: readonly FieldChange[];
}

/** The plan of one partition. */
export interface PartitionPlanSummary {
  readonly sourceId: string;
  readonly connectionId: string;
  readonly companyId: number;
  readonly companyName: string | null;
  readonly creates: number;
  readonly updates: number;
  readonly moves: number;
  readonly deactivations: number;
  readonly unchanged: number;
  /** Devices that would be linked to existing configurations instead of created. */
  readonly adoptions: number;
  /** Devices waiting for a human (ambiguous adoption). */
  readonly held: number;
  /** Configuration types that would be created. */
  readonly typesToCreate: readonly string[];
  readonly blocked: BlockedDeactivation | null;
  /** The writes with their field diffs (at most `diffLimit` per partition). */
  readonly changes: readonly PlannedChange[];
}

/** Options of {@link planSync}. */
export interface PlanSyncOptions extends SyncScope {
  /** Most changes listed per partition (default 200). */
  readonly diffLimit?: number;
}

/** The dry-run result. */
export interface SyncPlanReport {
  readonly partitions: readonly PartitionPlanSummary[];
  readonly totals: {
    readonly creates: number;
    readonly updates: number;
    readonly moves: number;
    readonly deactivations: number;
    readonly blockedDeactivations: number;
    readonly unchanged: number;
  };
  /** Devices whose customer is not mapped (they wait). */
  readonly waiting: number;
}

function changesOf(plan: DeviceSyncPlan, limit: number): PlannedChange[] {
  const out: PlannedChange[] = [];
  for (const c of plan.creates) {
    const fields: FieldChange[] = Object.entries(c.payload as object).map(
      ([field, to]: [string, unknown]) => ({ field, from: undefined, to }),
    );
    out.push({ externalId: c.externalId, action: "create", fields });
  }
  for (const m of plan.moves)
    out.push({
      externalId: m.externalId,
      action: "move",
      cwConfigId: m.cwConfigId,
      fields: m.changes,
    });
  for (const u of plan.updates)
    out.push({
      externalId: u.externalId,
      action: "update",
      cwConfigId: u.cwConfigId,
      fields: u.changes,
    });
  for (const d of plan.deactivations) {
    out.push({
      externalId: d.externalId,
      action: "deactivate",
      cwConfigId: d.cwConfigId,
      fields: [{ field: "activeFlag", from: true, to: false }],
    });
  }
  return out.slice(0, limit);
}

function holdReviews(state: PartitionState, review: AdoptionResult["review"]): void {
  for (const item of review) {
    const row = state.rows.get(item.externalId);
    if (row !== undefined) state.rows.set(item.externalId, { ...row, adopt_review: item.detail });
  }
}

async function planSource(
  ctx: AppContext,
  cw: ConnectWise,
  source: { id: string; connectionId: string },
  options: { threshold: number; diffLimit: number },
): Promise<PartitionPlanSummary[]> {
  const sourceId = source.id;
  const companies = await sourceCompanies(ctx, sourceId);
  const adopted = await adoptedCompanies(ctx.scope.db, sourceId, companies);
  const candidates = await adoptionCandidates(
    ctx,
    sourceId,
    companies.filter((id) => !adopted.has(id)),
  );
  const adoption = await matchExisting(ctx, cw, sourceId, candidates);
  const linked = new Set(adoption.links.map((l) => l.externalId));
  const states: PartitionState[] = [];
  const typeNames = new Set<string>();
  for (const companyId of companies) {
    const state = await loadPartition(ctx, {
      sourceId,
      connectionId: source.connectionId,
      companyId,
    });
    applyLinks(state.rows, adoption.links, companyId);
    holdReviews(state, adoption.review);
    const siteOf = (row: { customer_external_id: string }) =>
      state.mappings.get(row.customer_external_id)?.siteId ?? null;
    const found = await resolveUnknownOutcomes(ctx, cw, sourceId, [...state.rows.values()], {
      store: false,
      siteOf,
    });
    applyLinks(state.rows, found, companyId);
    // Every create adopts first (a first-sync read above already checked its candidates).
    const first = adopted.has(companyId)
      ? undefined
      : (adoption.checked.get(companyId) ?? new Map());
    const late = await matchPartitionCreates(ctx, cw, state, first);
    if (late !== undefined) {
      applyLinks(state.rows, late.links, companyId);
      holdReviews(state, late.review);
      for (const link of late.links) linked.add(link.externalId);
    }
    for (const row of state.rows.values())
      if (isDesired(state, row)) typeNames.add(rowSourceDevice(row).type.trim());
    states.push(state);
  }
  const types = await resolveConfigIds(ctx, cw, source.connectionId, "type", typeNames, {
    create: false,
  });
  const summaries: PartitionPlanSummary[] = [];
  for (const state of states) {
    const { companyId } = state.partition;
    const approved = (await getKv(ctx.scope.db, approvedKey(sourceId, companyId))) !== undefined;
    const { plan, held, unresolvedTypes } = buildPartitionPlan(state, {
      types,
      threshold: options.threshold,
      approved,
    });
    summaries.push({
      sourceId,
      connectionId: source.connectionId,
      companyId,
      companyName: await cachedCompanyName(ctx.scope.db, source.connectionId, companyId),
      creates: plan.creates.length,
      updates: plan.updates.length,
      moves: plan.moves.length,
      deactivations: plan.deactivations.length,
      unchanged: plan.unchanged.length,
      adoptions: [...state.rows.keys()].filter((id) => linked.has(id)).length,
      held: held.length,
      typesToCreate: unresolvedTypes,
      blocked: plan.blocked[0] ?? null,
      changes: changesOf(plan, options.diffLimit),
    });
  }
  return summaries;
}

/**
 * The dry-run of a sync (no write is sent; nothing is stored).
 *
 * @example
 * const plan = await planSync(ctx, { sourceId });
 * plan.totals.creates; plan.partitions[0]?.changes[0]?.fields
 */
export async function planSync(
  ctx: AppContext,
  options: PlanSyncOptions = {},
): Promise<SyncPlanReport> {
  const partitions: PartitionPlanSummary[] = [];
  let waiting = 0;
  for (const source of await sourcesInScope(ctx, options)) {
    const connection = await findConnectionRow(ctx.scope.db, source.connectionId);
    if (connection === undefined) throw connectionNotFound(source.connectionId);
    const cw = await ctx.clients.forConnection(source.connectionId);
    const { threshold } = connectionSyncSettings(connection.settings_json);
    partitions.push(
      ...(await planSource(ctx, cw, source, { threshold, diffLimit: options.diffLimit ?? 200 })),
    );
    waiting += await unmappedDeviceCount(ctx.scope.db, source.id);
  }
  const sum = (pick: (p: PartitionPlanSummary) => number) =>
    partitions.reduce((n, p) => n + pick(p), 0);
  return {
    partitions,
    totals: {
      creates: sum((p) => p.creates),
      updates: sum((p) => p.updates),
      moves: sum((p) => p.moves),
      deactivations: sum((p) => p.deactivations),
      blockedDeactivations: sum((p) => p.blocked?.wouldDeactivate ?? 0),
      unchanged: sum((p) => p.unchanged),
    },
    waiting,
  };
}
