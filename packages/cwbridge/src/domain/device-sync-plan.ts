/**
 * The device-sync plan: which configurations to create, update, move, leave alone or deactivate,
 * with a per-company mass-deactivation guard (an empty or partial source listing during an outage
 * must not wipe the PSA).
 */
import {
  contentHash,
  diffConfiguration,
  type ConfigurationPayload,
  type FieldChange,
} from "./device-config.js";

/** A device as it should be in ConnectWise. */
export interface DesiredDevice {
  readonly externalId: string;
  readonly payload: ConfigurationPayload;
}

/** Local state of a device already known to cwbridge. */
export interface KnownDevice {
  /** ConnectWise configuration id; absent while a create is pending or unknown. */
  readonly cwConfigId?: number;
  readonly pushedHash?: string;
  /** The payload last pushed (lets the plan name the changed fields). */
  readonly pushedPayload?: ConfigurationPayload;
  readonly companyId: number;
  readonly siteId?: number;
  readonly state: "active" | "inactive";
}

/** A planned update (changed fields only). */
export interface PlannedUpdate {
  readonly externalId: string;
  readonly cwConfigId: number;
  readonly hash: string;
  readonly payload: ConfigurationPayload;
  /** Changed fields; every payload field when the pushed payload is not known. */
  readonly changes: readonly FieldChange[];
  readonly reactivate: boolean;
}

/** A planned company/site move (also carries the other changed fields). */
export interface PlannedMove extends PlannedUpdate {
  readonly from: { readonly companyId: number; readonly siteId?: number };
  readonly to: { readonly companyId: number; readonly siteId?: number };
}

/** Deactivations held back by the mass-deactivation guard for one company. */
export interface BlockedDeactivation {
  readonly companyId: number;
  readonly wouldDeactivate: number;
  /** Active managed configurations of the company. */
  readonly total: number;
  readonly ratio: number;
  readonly externalIds: readonly string[];
}

/** The plan of one sync run. */
export interface DeviceSyncPlan {
  readonly creates: readonly {
    readonly externalId: string;
    readonly hash: string;
    readonly payload: ConfigurationPayload;
  }[];
  readonly updates: readonly PlannedUpdate[];
  readonly moves: readonly PlannedMove[];
  readonly unchanged: readonly string[];
  readonly deactivations: readonly {
    readonly externalId: string;
    readonly cwConfigId: number;
    readonly companyId: number;
  }[];
  readonly blocked: readonly BlockedDeactivation[];
}

/** Input of {@link planDeviceSync}. */
export interface PlanDeviceSyncInput {
  readonly devices: readonly DesiredDevice[];
  readonly known: ReadonlyMap<string, KnownDevice>;
  /** True when `devices` is the COMPLETE listing (only then are absent devices deactivated). */
  readonly snapshot: boolean;
  /** Block a company's deactivations above this share of its active configurations (0.5). */
  readonly threshold?: number;
  /** Companies whose blocked deactivations a human approved. */
  readonly approvedCompanies?: ReadonlySet<number>;
  /** Hash options (fields to leave out), passed to `contentHash`. */
  readonly hashExclude?: readonly string[];
}

type Classified =
  | { kind: "create"; externalId: string; hash: string; payload: ConfigurationPayload }
  | { kind: "unchanged"; externalId: string }
  | { kind: "update"; update: PlannedUpdate }
  | { kind: "move"; move: PlannedMove };

function classify(
  device: DesiredDevice,
  known: KnownDevice | undefined,
  hashExclude?: readonly string[],
): Classified {
  const { externalId, payload } = device;
  const hash = contentHash(payload, hashExclude === undefined ? {} : { exclude: hashExclude });
  if (known?.cwConfigId === undefined) return { kind: "create", externalId, hash, payload };
  const to = {
    companyId: payload.company.id,
    ...(payload.site === undefined ? {} : { siteId: payload.site.id }),
  };
  const moved = known.companyId !== to.companyId || known.siteId !== to.siteId;
  const reactivate = known.state === "inactive";
  if (!moved && !reactivate && known.pushedHash === hash) return { kind: "unchanged", externalId };
  const changes = diffConfiguration(known.pushedPayload ?? {}, payload);
  const withActive =
    reactivate && !changes.some((c) => c.field === "activeFlag")
      ? [...changes, { field: "activeFlag", from: false, to: true }]
      : changes;
  const update = {
    externalId,
    cwConfigId: known.cwConfigId,
    hash,
    payload,
    changes: withActive,
    reactivate,
  };
  if (!moved) return { kind: "update", update };
  const from = {
    companyId: known.companyId,
    ...(known.siteId === undefined ? {} : { siteId: known.siteId }),
  };
  return { kind: "move", move: { ...update, from, to } };
}

/**
 * Plans a device sync. Pure: the caller executes the plan (dry-run prints it).
 *
 * @example
 * const plan = planDeviceSync({ devices, known, snapshot: true });
 * plan.creates.length; plan.updates[0]?.changes; plan.blocked // [{ companyId: 250, wouldDeactivate: 40, total: 50, ratio: 0.8, … }]
 */
export function planDeviceSync(input: PlanDeviceSyncInput): DeviceSyncPlan {
  const creates: DeviceSyncPlan["creates"][number][] = [];
  const updates: PlannedUpdate[] = [];
  const moves: PlannedMove[] = [];
  const unchanged: string[] = [];
  for (const device of input.devices) {
    const c = classify(device, input.known.get(device.externalId), input.hashExclude);
    if (c.kind === "create")
      creates.push({ externalId: c.externalId, hash: c.hash, payload: c.payload });
    else if (c.kind === "unchanged") unchanged.push(c.externalId);
    else if (c.kind === "update") updates.push(c.update);
    else moves.push(c.move);
  }
  const { deactivations, blocked } = input.snapshot
    ? guardDeactivations(input, new Set(input.devices.map((d) => d.externalId)))
    : { deactivations: [], blocked: [] };
  return { creates, updates, moves, unchanged, deactivations, blocked };
}

function guardDeactivations(
  input: PlanDeviceSyncInput,
  present: ReadonlySet<string>,
): Pick<DeviceSyncPlan, "deactivations" | "blocked"> {
  const threshold = input.threshold ?? 0.5;
  const byCompany = new Map<
    number,
    { total: number; absent: { externalId: string; cwConfigId: number }[] }
  >();
  for (const [externalId, known] of input.known) {
    if (known.state !== "active" || known.cwConfigId === undefined) continue;
    const entry = byCompany.get(known.companyId) ?? { total: 0, absent: [] };
    entry.total++;
    if (!present.has(externalId)) entry.absent.push({ externalId, cwConfigId: known.cwConfigId });
    byCompany.set(known.companyId, entry);
  }
  const deactivations: DeviceSyncPlan["deactivations"][number][] = [];
  const blocked: BlockedDeactivation[] = [];
  for (const [companyId, { total, absent }] of [...byCompany].sort((a, b) => a[0] - b[0])) {
    if (absent.length === 0) continue;
    const ratio = absent.length / total;
    if (ratio > threshold && input.approvedCompanies?.has(companyId) !== true) {
      const externalIds = absent.map((a) => a.externalId);
      blocked.push({ companyId, wouldDeactivate: absent.length, total, ratio, externalIds });
    } else {
      deactivations.push(...absent.map((a) => ({ ...a, companyId })));
    }
  }
  return { deactivations, blocked };
}
