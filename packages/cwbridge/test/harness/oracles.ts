/**
 * Test-only: the oracles of the chaos and crash tests (reliability reference §2.6). The
 * emulator's tables and ledger are the truth; the store is only read to check that nothing
 * accepted was lost and that the events log agrees with the ledger. Each oracle returns a list
 * of human-readable violations (empty = holds), so a failing run says exactly what broke.
 */
import type { Emulator, Entity, LedgerEntry } from "@cwbridge/connectwise-emulator";
import type { Kysely } from "kysely";
import {
  deviceKey,
  diffConfiguration,
  toConfigurationPayload,
} from "../../src/domain/device-config.js";
import { externalXRef } from "../../src/domain/incident-key.js";
import { incidentKeyOf } from "../../src/features/alerts/ingest-alert.js";
import { toSourceDevice, type DeviceInput } from "../../src/features/devices/device-schema.js";
import type { JobQueue } from "../../src/queue/port.js";
import { ENGINE_STOPPED_CODE } from "../../src/store/request-log-sweep.js";
import type { Database } from "../../src/store/schema.js";
import type { AlertCycle } from "./workload.js";

type LedgerRequest = Extract<LedgerEntry, { kind: "request" }>;

const MAX_SHOWN = 20;

function cap(violations: string[]): string[] {
  if (violations.length <= MAX_SHOWN) return violations;
  return [...violations.slice(0, MAX_SHOWN), `… and ${violations.length - MAX_SHOWN} more`];
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const group = groups.get(key) ?? [];
    group.push(item);
    groups.set(key, group);
  }
  return groups;
}

const str = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;
const refId = (value: unknown): number | undefined => (value as { id?: number } | undefined)?.id;

/**
 * Configurations sharing one cwbridge device key (`deviceIdentifier` = `cwb:<source>:…`).
 *
 * @example
 * expect(duplicateConfigurations(emulator, sourceId)).toEqual([]);
 */
export function duplicateConfigurations(emulator: Emulator, sourceId: string): string[] {
  const prefix = `cwb:${sourceId}:`;
  const groups = groupBy(emulator.table("configurations"), (c) => {
    const key = str(c["deviceIdentifier"]);
    return key?.startsWith(prefix) === true ? key : undefined;
  });
  return cap(
    [...groups]
      .filter(([, rows]) => rows.length > 1)
      .map(
        ([key, rows]) =>
          `configuration ${key} exists ${rows.length}× (ids ${rows.map((r) => r.id).join(", ")})`,
      ),
  );
}

/**
 * Tickets sharing one cwbridge `externalXRef` (`cwb:<32 hex>`).
 *
 * @example
 * expect(duplicateTickets(emulator)).toEqual([]);
 */
export function duplicateTickets(emulator: Emulator): string[] {
  const groups = groupBy(emulator.table("tickets"), (t) => {
    const xref = str(t["externalXRef"]);
    return xref !== undefined && /^cwb:[0-9a-f]{32}$/.test(xref) ? xref : undefined;
  });
  return cap(
    [...groups]
      .filter(([, rows]) => rows.length > 1)
      .map(
        ([xref, rows]) =>
          `ticket ${xref} exists ${rows.length}× (ids ${rows.map((r) => r.id).join(", ")})`,
      ),
  );
}

/**
 * Every device has exactly one ACTIVE configuration with the expected fields (name, type,
 * company, serial, MAC, …: `diffConfiguration` against the mapped payload is empty).
 *
 * @example
 * expect(deviceMismatches(emulator, sourceId, workload.devices, workload.companyOf)).toEqual([]);
 */
export function deviceMismatches(
  emulator: Emulator,
  sourceId: string,
  devices: readonly DeviceInput[],
  companyOf: ReadonlyMap<string, number>,
): string[] {
  const byKey = groupBy(emulator.table("configurations"), (c) => str(c["deviceIdentifier"]));
  const violations: string[] = [];
  for (const input of devices) {
    const device = toSourceDevice(input);
    const key = deviceKey(sourceId, device.externalId);
    const active = (byKey.get(key) ?? []).filter((c) => c["activeFlag"] !== false);
    if (active.length !== 1) {
      violations.push(`device ${device.externalId}: ${active.length} active configurations`);
      continue;
    }
    const companyId = companyOf.get(input.customerId) ?? -1;
    const desired = toConfigurationPayload(device, { sourceId, companyId });
    const diff = diffConfiguration(active[0] as Entity, desired);
    if (diff.length > 0) {
      violations.push(
        `device ${device.externalId}: ${diff.map((d) => `${d.field}=${JSON.stringify(d.from)}≠${JSON.stringify(d.to)}`).join(", ")}`,
      );
    }
  }
  return cap(violations);
}

/** The ticket `externalXRef` of a cycle for a source. */
export function cycleXRef(sourceId: string, cycle: AlertCycle): string {
  return externalXRef(incidentKeyOf(sourceId, cycle.fire));
}

/**
 * Nothing accepted was lost: every delivered event is recorded (`inbound_events`), its
 * incident's state reflects the last event (open with a ticket id / closed), unless a job for
 * it is still queued; and no job is dead-lettered (`failed`). Jobs are read through the queue
 * port, so this holds for the SQL queue and graphile-worker alike.
 *
 * @example
 * expect(await lostEvents(db, engine.ctx.queue, sourceId, workload.cycles, delivered)).toEqual([]);
 */
export async function lostEvents(
  db: Kysely<Database>,
  queue: Pick<JobQueue, "listJobs">,
  sourceId: string,
  cycles: readonly AlertCycle[],
  delivered: ReadonlySet<string>,
): Promise<string[]> {
  const recorded = new Set(
    (
      await db
        .selectFrom("inbound_events")
        .select("event_id")
        .where("source_id", "=", sourceId)
        .execute()
    ).map((r) => r.event_id),
  );
  const incidents = new Map(
    (
      await db
        .selectFrom("incidents")
        .select(["key", "state", "cw_ticket_id"])
        .where("source_id", "=", sourceId)
        .execute()
    ).map((r) => [r.key, r]),
  );
  const unfinished = await queue.listJobs({ limit: 1_000_000 });
  const queued = new Set(
    unfinished.filter((j) => j.status !== "failed").map((j) => JSON.stringify(j.payload)),
  );
  const violations = unfinished
    .filter((j) => j.status === "failed")
    .map((j) => `job ${j.id} (${j.kind}) dead-lettered: ${j.lastError ?? ""}`);
  for (const id of delivered)
    if (!recorded.has(id)) violations.push(`event ${id} accepted but not recorded`);
  for (const cycle of cycles) {
    if (!delivered.has(cycle.fire.id)) continue;
    const key = incidentKeyOf(sourceId, cycle.fire);
    const incident = incidents.get(key);
    const pending = [...queued].some((payload) =>
      payload.includes(JSON.stringify(key).slice(1, -1)),
    );
    if (incident === undefined) {
      violations.push(`${cycle.fingerprint}: no incident`);
      continue;
    }
    const resolved = delivered.has(cycle.resolve.id);
    const applied = resolved
      ? incident.state === "closed"
      : incident.state === "open" && incident.cw_ticket_id !== null;
    if (!applied && !pending)
      violations.push(
        `${cycle.fingerprint}: incident ${incident.state} (ticket ${incident.cw_ticket_id}) and nothing queued`,
      );
  }
  return cap(violations);
}

/** Requests of one member, by kind. */
export interface RequestStats {
  readonly total: number;
  readonly reads: number;
  readonly writes: number;
  /** Requests that got an injected fault, by fault. */
  readonly faults: Readonly<Record<string, number>>;
  /** 429s answered because the credential called again inside a Retry-After window. */
  readonly withinRetryAfter: number;
}

function isWrite(request: LedgerRequest): boolean {
  return (
    request.method !== "GET" && !(request.method === "POST" && request.path.endsWith("/search"))
  );
}

/**
 * Counts the ledger's requests of `member` (the engine's API member).
 *
 * @example
 * const stats = requestStats(emulator.ledger.requests(), "cwbridge");
 */
export function requestStats(requests: readonly LedgerRequest[], member: string): RequestStats {
  const mine = requests.filter(
    (r) => r.memberIdentifier === undefined || r.memberIdentifier === member,
  );
  const faults: Record<string, number> = {};
  for (const r of mine) if (r.fault !== undefined) faults[r.fault] = (faults[r.fault] ?? 0) + 1;
  const writes = mine.filter(isWrite).length;
  return {
    total: mine.length,
    reads: mine.length - writes,
    writes,
    faults,
    withinRetryAfter: mine.filter((r) => r.withinRetryAfter === true).length,
  };
}

/**
 * The requests a fault-free run needs, estimated from a faulty run's ledger: every successful
 * (2xx) request once, a successful read repeated with the same method, path and query counted
 * once. Everything else — faulted attempts, their retries' duplicates — is the fault overhead.
 * (Lenient on one point: a reconciliation search after an ambiguous write is counted as needed.)
 *
 * @example
 * const amplification = stats.total / minimumRequests(emulator.ledger.requests(), "cwbridge");
 */
export function minimumRequests(requests: readonly LedgerRequest[], member: string): number {
  const seen = new Set<string>();
  let needed = 0;
  for (const r of requests) {
    if (r.memberIdentifier !== undefined && r.memberIdentifier !== member) continue;
    if (r.status < 200 || r.status > 299) continue;
    if (isWrite(r)) {
      needed++;
      continue;
    }
    const signature = `${r.method} ${r.path} ${JSON.stringify(Object.entries(r.query).sort())}`;
    if (seen.has(signature)) continue;
    seen.add(signature);
    needed++;
  }
  return needed;
}

/** One events-log row, as the agreement check needs it. */
export interface LogRow {
  readonly id: number;
  readonly method: string;
  readonly path: string;
  readonly status: number | null;
  readonly outcome: string;
  readonly errorCode: string | null;
  readonly cwRequestId: string | null;
}

/** Result of {@link logLedgerAgreement}. */
export interface Agreement {
  /** Ledger requests matched to a log row by `x-cw-request-id`. */
  readonly byRequestId: number;
  /** Ledger requests whose reply never reached us (reset), matched by method + path in order. */
  readonly byOrder: number;
  /**
   * Ledger requests in flight when the engine was killed, matched (by method + path) to a row
   * the restart's sweep settled as `outcome_unknown` / `CWB_ERR_ENGINE_STOPPED`.
   */
  readonly byStopped: number;
  /** Ledger requests with no log row (must be none: every request is logged before it leaves). */
  readonly unlogged: readonly string[];
  /** Log rows that match no ledger request (settled in-flight rows excepted, see `neverSent`). */
  readonly phantom: readonly string[];
  /**
   * Settled in-flight rows with no ledger request: the engine was killed after the row was
   * committed and before the request reached the emulator ("may have been sent"). Bounded by
   * the requests in flight per kill.
   */
  readonly neverSent: readonly string[];
  /** Rows still `sending` (must be none once an engine has started after the last kill). */
  readonly sending: readonly string[];
}

function barePath(path: string): string {
  return (path.split("?")[0] ?? "").toLowerCase().replace(/\/+$/, "");
}

const describeRow = (r: LogRow): string =>
  `log #${r.id} ${r.method} ${r.path} ${r.outcome} ${r.errorCode ?? ""} ${r.cwRequestId ?? ""}`;

/**
 * Compares the engine's events log with the emulator's ledger: every request the emulator
 * received must be logged — by `x-cw-request-id`, or (no reply reached us: a reset, or a kill
 * while it was in flight) by method and path in order — and every logged request must have
 * reached the emulator, except rows settled as in flight at a kill (`neverSent`), which may
 * have been killed before they left. Among rows without an id, completed rows are matched
 * before settled ones (they must match; settled ones may not).
 *
 * @example
 * const a = logLedgerAgreement(emulator.ledger.requests(), rows);
 * expect(a.unlogged).toEqual([]);
 */
export function logLedgerAgreement(
  requests: readonly LedgerRequest[],
  rows: readonly LogRow[],
): Agreement {
  const ids = new Map(rows.filter((r) => r.cwRequestId !== null).map((r) => [r.cwRequestId, r]));
  const idless = rows.filter((r) => r.cwRequestId === null && r.outcome !== "planned");
  const stopped = (r: LogRow) => r.errorCode === ENGINE_STOPPED_CODE;
  const loose = [...idless.filter((r) => !stopped(r)), ...idless.filter(stopped)];
  const usedIds = new Set<string>();
  const usedLoose = new Set<number>();
  const unlogged: string[] = [];
  const counts = { byRequestId: 0, byOrder: 0, byStopped: 0 };
  for (const request of requests) {
    if (ids.has(request.requestId)) {
      usedIds.add(request.requestId);
      counts.byRequestId++;
      continue;
    }
    const match = loose.find(
      (r) =>
        !usedLoose.has(r.id) && r.method === request.method && barePath(r.path) === request.path,
    );
    if (match !== undefined) {
      usedLoose.add(match.id);
      counts[stopped(match) ? "byStopped" : "byOrder"]++;
      continue;
    }
    unlogged.push(
      `${request.requestId} ${request.method} ${request.path} → ${request.status}${request.fault ? ` (${request.fault})` : ""}`,
    );
  }
  const unmatched = [
    ...[...ids.values()].filter((r) => r.cwRequestId !== null && !usedIds.has(r.cwRequestId)),
    ...loose.filter((r) => !usedLoose.has(r.id)),
  ];
  return {
    ...counts,
    unlogged,
    phantom: unmatched.filter((r) => !stopped(r) && r.outcome !== "sending").map(describeRow),
    neverSent: unmatched.filter(stopped).map(describeRow),
    sending: rows.filter((r) => r.outcome === "sending").map(describeRow),
  };
}

/**
 * The events-log rows after `afterId`, for {@link logLedgerAgreement}.
 *
 * @example
 * const rows = await logRows(db, world.logStartId);
 */
export async function logRows(db: Kysely<Database>, afterId: number): Promise<LogRow[]> {
  const rows = await db
    .selectFrom("request_log")
    .select(["id", "method", "path", "status", "outcome", "error_code", "cw_request_id"])
    .where("id", ">", afterId)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    method: r.method,
    path: r.path,
    status: r.status,
    outcome: r.outcome,
    errorCode: r.error_code,
    cwRequestId: r.cw_request_id,
  }));
}

/**
 * Exactly one ticket per accepted fire, whatever crashed when (issue #7 item 2): every cycle
 * whose fire was delivered has exactly one ticket carrying its key, on its customer's company,
 * closed when its resolve was delivered and open otherwise.
 *
 * @example
 * expect(ticketsPerFire(emulator, sourceId, workload.cycles, driver.delivered, workload.companyOf)).toEqual([]);
 */
export function ticketsPerFire(
  emulator: Emulator,
  sourceId: string,
  cycles: readonly AlertCycle[],
  delivered: ReadonlySet<string>,
  companyOf: ReadonlyMap<string, number>,
): string[] {
  const byXRef = groupBy(emulator.table("tickets"), (t) => str(t["externalXRef"]));
  const violations: string[] = [];
  for (const cycle of cycles) {
    if (!delivered.has(cycle.fire.id)) continue;
    const tickets = byXRef.get(cycleXRef(sourceId, cycle)) ?? [];
    const resolved = delivered.has(cycle.resolve.id);
    const closed = tickets.filter((t) => t["closedFlag"] === true).length;
    if (tickets.length !== 1 || closed !== (resolved ? 1 : 0)) {
      violations.push(
        `${cycle.fingerprint}: ${resolved ? "resolved" : "firing"}, ${tickets.length} tickets, ${closed} closed`,
      );
      continue;
    }
    const company = refId(tickets[0]?.["company"]);
    const expected = companyOf.get(cycle.fire.customerId);
    if (company !== expected)
      violations.push(`${cycle.fingerprint}: ticket on company ${company}, expected ${expected}`);
  }
  return cap(violations);
}
