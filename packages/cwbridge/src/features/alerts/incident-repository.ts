/**
 * The alerts feature's repository of `incidents` and `inbound_events`: load (locked on
 * PostgreSQL), insert, write back, a read-modify-write helper that runs in one transaction so
 * concurrent writers (ingest and jobs) never lose each other's changes, the incident queries,
 * and the delivery record of ingest. Every function takes the tenant-scoped handle.
 */
import { nowIso } from "../../store/now.js";
import type { TransactionOptions } from "../../store/open-store.js";
import type { IncidentState } from "../../store/schema.js";
import type { TenantDb, TenantScope } from "../../store/tenant-scope.js";
import { incidentFromRow, incidentToRow, type Incident } from "./incident-record.js";

/**
 * Whether the dialect has row locks (`SELECT … FOR UPDATE`): PostgreSQL. SQLite transactions
 * are exclusive (`BEGIN IMMEDIATE`), so they need none.
 *
 * @example
 * if (canLockRows(ctx.scope)) query = query.forUpdate();
 */
export function canLockRows(scope: Pick<TenantScope, "dialect">): boolean {
  return scope.dialect === "postgres";
}

/**
 * One incident by key; with `lock` the row stays locked until the transaction ends (PostgreSQL
 * `FOR UPDATE`; SQLite transactions are already exclusive).
 *
 * @example
 * const incident = await loadIncident(tx, key, { lock: canLockRows(ctx.scope) });
 */
export async function loadIncident(
  db: TenantDb,
  key: string,
  options: { readonly lock?: boolean } = {},
): Promise<Incident | undefined> {
  let query = db.selectFrom("incidents").selectAll().where("key", "=", key);
  if (options.lock === true) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row === undefined ? undefined : incidentFromRow(row);
}

/**
 * Inserts a new incident.
 *
 * @example
 * await insertIncident(tx, incident);
 */
export async function insertIncident(tx: TenantDb, incident: Incident): Promise<void> {
  await tx.insertInto("incidents", incidentToRow(incident)).execute();
}

/**
 * Writes every field of an incident back (by key), stamping `updated_at`.
 *
 * @example
 * await saveIncident(tx, { ...incident, state: "open" });
 */
export async function saveIncident(tx: TenantDb, incident: Incident): Promise<Incident> {
  const next = { ...incident, updatedAt: nowIso() };
  const { key: _key, ...row } = incidentToRow(next);
  await tx.updateTable("incidents").set(row).where("key", "=", incident.key).execute();
  return next;
}

/**
 * Loads an incident locked, lets `change` derive the next version (or `undefined` for no
 * change), and saves it, all in one transaction. Returns the stored version. Durable unless
 * `options.durability` is `relaxed` (only for a state a re-run would find again, see
 * `TransactionOptions`).
 *
 * @example
 * await mutateIncident(ctx.scope, key, (i) => i.state === "opening" ? { ...i, state: "open" } : undefined);
 */
export async function mutateIncident(
  scope: TenantScope,
  key: string,
  change: (incident: Incident) => Incident | undefined,
  options: TransactionOptions = {},
): Promise<Incident | undefined> {
  return scope.transaction(async (tx) => {
    const current = await loadIncident(tx, key, { lock: canLockRows(scope) });
    if (current === undefined) return undefined;
    const next = change(current);
    return next === undefined ? current : saveIncident(tx, next);
  }, options);
}

/** Filter of {@link selectIncidents}. */
export interface IncidentFilter {
  readonly state?: IncidentState;
  readonly sourceId?: string;
  readonly connectionId?: string;
  readonly externalXRefs?: readonly string[];
  readonly limit: number;
}

/**
 * Incidents, newest update first.
 *
 * @example
 * const open = await selectIncidents(ctx.scope.db, { state: "open", limit: 100 });
 */
export async function selectIncidents(db: TenantDb, filter: IncidentFilter): Promise<Incident[]> {
  let query = db.selectFrom("incidents").selectAll();
  if (filter.state !== undefined) query = query.where("state", "=", filter.state);
  if (filter.sourceId !== undefined) query = query.where("source_id", "=", filter.sourceId);
  if (filter.connectionId !== undefined) {
    query = query.where("connection_id", "=", filter.connectionId);
  }
  if (filter.externalXRefs !== undefined) {
    if (filter.externalXRefs.length === 0) return [];
    query = query.where("external_xref", "in", [...filter.externalXRefs]);
  }
  const rows = await query
    .orderBy("updated_at", "desc")
    .orderBy("key")
    .limit(filter.limit)
    .execute();
  return rows.map(incidentFromRow);
}

/**
 * The key of the incident that owns ticket `ticketId` of a connection, if any.
 *
 * @example
 * const key = await incidentKeyOfTicket(ctx.scope.db, connectionId, 9001);
 */
export async function incidentKeyOfTicket(
  db: TenantDb,
  connectionId: string,
  ticketId: number,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("incidents")
    .select("key")
    .where("connection_id", "=", connectionId)
    .where("cw_ticket_id", "=", ticketId)
    .executeTakeFirst();
  return row?.key;
}

/**
 * How many incidents reference a connection (the connections feature refuses to remove a
 * connection that has some).
 *
 * @example
 * if ((await countConnectionIncidents(tx, connectionId)) > 0) throw refused();
 */
export async function countConnectionIncidents(
  db: TenantDb,
  connectionId: string,
): Promise<number> {
  const row = await db
    .selectFrom("incidents")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("connection_id", "=", connectionId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One delivery of an alert event (its dedup key and what it carried). */
export interface Delivery {
  readonly sourceId: string;
  readonly eventId: string;
  readonly payloadHash: string;
  readonly receivedAt: string;
}

/**
 * Records a delivery in `inbound_events`; false when `(sourceId, eventId)` was seen before
 * (a duplicate changes nothing).
 *
 * @example
 * if (!(await recordDelivery(tx, delivery))) return duplicate();
 */
export async function recordDelivery(tx: TenantDb, delivery: Delivery): Promise<boolean> {
  const result = await tx
    .insertInto("inbound_events", {
      source_id: delivery.sourceId,
      event_id: delivery.eventId,
      payload_hash: delivery.payloadHash,
      received_at: delivery.receivedAt,
    })
    .onConflict((oc) => oc.columns(["source_id", "event_id"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
