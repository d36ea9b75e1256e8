/**
 * Incident persistence: load (locked on PostgreSQL), insert, write back, and a
 * read-modify-write helper that runs in one transaction so concurrent writers (ingest and
 * jobs) never lose each other's changes.
 */
import type { Kysely } from "kysely";
import { nowIso } from "../../store/now.js";
import type { Store, StoreTx, TransactionOptions } from "../../store/open-store.js";
import type { Database, IncidentState } from "../../store/schema.js";
import { incidentFromRow, incidentToRow, type Incident } from "./incident-record.js";

type Db = Kysely<Database>;

/**
 * Whether the dialect has row locks (`SELECT … FOR UPDATE`): PostgreSQL. SQLite transactions
 * are exclusive (`BEGIN IMMEDIATE`), so they need none.
 *
 * @example
 * if (canLockRows(store)) query = query.forUpdate();
 */
export function canLockRows(store: Pick<Store, "dialect">): boolean {
  return store.dialect === "postgres";
}

/**
 * One incident by key; with `lock` the row stays locked until the transaction ends (PostgreSQL
 * `FOR UPDATE`; SQLite transactions are already exclusive).
 *
 * @example
 * const incident = await loadIncident(tx, key, { lock: canLockRows(store) });
 */
export async function loadIncident(
  db: Db,
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
export async function insertIncident(tx: StoreTx, incident: Incident): Promise<void> {
  await tx.insertInto("incidents").values(incidentToRow(incident)).execute();
}

/**
 * Writes every field of an incident back (by key), stamping `updated_at`.
 *
 * @example
 * await saveIncident(tx, { ...incident, state: "open" });
 */
export async function saveIncident(tx: StoreTx, incident: Incident): Promise<Incident> {
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
 * await mutateIncident(store, key, (i) => i.state === "opening" ? { ...i, state: "open" } : undefined);
 */
export async function mutateIncident(
  store: Store,
  key: string,
  change: (incident: Incident) => Incident | undefined,
  options: TransactionOptions = {},
): Promise<Incident | undefined> {
  return store.transaction(async (tx) => {
    const current = await loadIncident(tx, key, { lock: canLockRows(store) });
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
 * const open = await selectIncidents(db, { state: "open", limit: 100 });
 */
export async function selectIncidents(db: Db, filter: IncidentFilter): Promise<Incident[]> {
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
