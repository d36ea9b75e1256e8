/**
 * One partition's data and plan: its mapped customers, its device rows (devices of customers
 * mapped to the company, plus removed devices still active in the company), and the domain plan
 * over them. Shared by the sync job and the dry-run.
 */
import {
  toConfigurationPayload,
  type ConfigurationPayload,
  type CwRef,
} from "../../domain/device-config.js";
import {
  planDeviceSync,
  type DesiredDevice,
  type DeviceSyncPlan,
  type KnownDevice,
} from "../../domain/device-sync-plan.js";
import type { AppContext } from "../../core/context.js";
import type { IdsByName } from "./config-lookups.js";
import {
  devicesInCompany,
  rowKnown,
  rowSourceDevice,
  type DeviceRow,
} from "./device-repository.js";
import { partitionDevices, type Partition, type PartitionMappings } from "./partition-queries.js";

/** A partition's stored state. */
export interface PartitionState {
  readonly partition: Partition;
  /** Customers mapped to the company → mapped site. */
  readonly mappings: PartitionMappings;
  readonly rows: Map<string, DeviceRow>;
}

/**
 * Loads a partition from the store.
 *
 * @example
 * const state = await loadPartition(ctx, { sourceId, connectionId, companyId: 250 });
 */
export async function loadPartition(
  ctx: AppContext,
  partition: Partition,
): Promise<PartitionState> {
  const { sourceId, companyId } = partition;
  const db = ctx.scope.db;
  const { mappings, devices } = await partitionDevices(db, partition);
  const rows = new Map<string, DeviceRow>();
  for (const row of devices) rows.set(row.external_id, row);
  for (const row of await devicesInCompany(db, sourceId, companyId)) rows.set(row.external_id, row);
  return { partition, mappings, rows };
}

/**
 * Whether a row is a device this partition should have in ConnectWise.
 *
 * @example
 * [...state.rows.values()].filter((row) => isDesired(state, row))
 */
export function isDesired(state: PartitionState, row: DeviceRow): boolean {
  return row.state === "active" && state.mappings.has(row.customer_external_id);
}

/** A device held back from the plan, and why. */
export interface HeldDevice {
  readonly externalId: string;
  readonly reason: string;
}

/** The plan of a partition. */
export interface PartitionPlan {
  readonly plan: DeviceSyncPlan;
  readonly held: readonly HeldDevice[];
  /** Type names without an id yet (a dry-run shows them as "would create"). */
  readonly unresolvedTypes: readonly string[];
}

/** Options of {@link buildPartitionPlan}. */
export interface BuildPlanOptions {
  readonly types: IdsByName;
  readonly threshold: number;
  readonly approved: boolean;
}

/**
 * The desired payload of a device row in this partition.
 *
 * @example
 * desiredPayload(state, row, types).company.id // 250
 */
export function desiredPayload(
  state: PartitionState,
  row: DeviceRow,
  types: IdsByName,
): ConfigurationPayload {
  const device = rowSourceDevice(row);
  const typeId = types.get(device.type.trim().toLowerCase());
  const type: CwRef = typeId === undefined ? { name: device.type } : { id: typeId };
  const siteId = state.mappings.get(row.customer_external_id)?.siteId ?? null;
  return toConfigurationPayload(device, {
    sourceId: state.partition.sourceId,
    companyId: state.partition.companyId,
    ...(siteId === null ? {} : { siteId }),
    type,
  });
}

/**
 * Plans a partition (pure over the loaded state).
 *
 * @example
 * const { plan, held } = buildPartitionPlan(state, { types, threshold: 0.5, approved: false });
 */
export function buildPartitionPlan(
  state: PartitionState,
  options: BuildPlanOptions,
): PartitionPlan {
  const { companyId } = state.partition;
  const desired: DesiredDevice[] = [];
  const known = new Map<string, KnownDevice>();
  const held: HeldDevice[] = [];
  const unresolved = new Set<string>();
  for (const row of state.rows.values()) {
    if (isDesired(state, row)) {
      if (row.adopt_review !== null) {
        held.push({
          externalId: row.external_id,
          reason: `ambiguous adoption ${row.adopt_review}`,
        });
        continue;
      }
      const payload = desiredPayload(state, row, options.types);
      if ("name" in payload.type) unresolved.add(payload.type.name);
      desired.push({ externalId: row.external_id, payload });
      known.set(row.external_id, rowKnown(row, companyId));
    } else if (
      row.state === "removed" &&
      row.cw_company_id === companyId &&
      row.cw_config_id !== null
    ) {
      known.set(row.external_id, rowKnown(row, companyId));
    }
  }
  const plan = planDeviceSync({
    devices: desired,
    known,
    snapshot: true,
    threshold: options.threshold,
    ...(options.approved ? { approvedCompanies: new Set([companyId]) } : {}),
  });
  return { plan, held, unresolvedTypes: [...unresolved].sort() };
}
