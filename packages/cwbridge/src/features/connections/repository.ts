/**
 * The connections repository: the only code of the features that touches `connections`; every
 * query goes through the tenant-scoped handle, so it sees the context's tenant only. Row ↔
 * domain mapping too: `settings_json` holds the settings plus the `allowOnPrem` opt-in;
 * `private_key_enc` and `client_id` hold encrypted tokens. (The client provider's reads by
 * global id, for the worker, live in the adapter: `connectwise/connection-rows.ts`.)
 */
import type { Kysely, Selectable, Updateable } from "kysely";
import { redactUrlCredentials } from "../../secrets/index.js";
import type { ConnectionsTable, Database, IntBool } from "../../store/schema.js";
import type { TenantDb, TenantInsert } from "../../store/tenant-scope.js";
import type { Connection, ConnectionSettings } from "./types.js";

/** A stored connection row. */
export type ConnectionRow = Selectable<ConnectionsTable>;

interface StoredSettings extends ConnectionSettings {
  readonly allowOnPrem?: boolean;
}

/**
 * The JSON stored in `settings_json`.
 *
 * @example
 * settingsJson({ severity: "High" }, true); // '{"severity":"High","allowOnPrem":true}'
 */
export function settingsJson(
  settings: { readonly [K in keyof ConnectionSettings]?: ConnectionSettings[K] | undefined },
  allowOnPrem: boolean,
): string {
  return JSON.stringify({ ...settings, ...(allowOnPrem ? { allowOnPrem } : {}) });
}

function parseStored(json: string): StoredSettings {
  const value: unknown = JSON.parse(json);
  return typeof value === "object" && value !== null ? value : {};
}

/**
 * Splits `settings_json` into settings and the on-prem opt-in.
 *
 * @example
 * readSettings('{"allowOnPrem":true}'); // { settings: {}, allowOnPrem: true }
 */
export function readSettings(json: string): { settings: ConnectionSettings; allowOnPrem: boolean } {
  const { allowOnPrem, ...settings } = parseStored(json);
  return { settings, allowOnPrem: allowOnPrem === true };
}

/**
 * A row as a domain `Connection` (no secrets). A site stored with credentials in its URL (rows
 * written before the site policy refused them) is shown with them `[REDACTED]`; such a row
 * cannot be used until its site is fixed (the client refuses it).
 *
 * @example
 * const connection = toConnection(row);
 */
export function toConnection(row: ConnectionRow): Connection {
  const { settings, allowOnPrem } = readSettings(row.settings_json);
  return {
    id: row.id,
    name: row.name,
    site: redactUrlCredentials(row.site),
    companyId: row.company_id,
    publicKeyHint: `…${row.public_key.slice(-4)}`,
    hasPrivateKey: true,
    hasClientId: true,
    memberId: row.member_id,
    apiVersion: row.api_version,
    codebase: row.codebase,
    allowOnPrem,
    allowInsecure: row.allow_insecure === 1,
    enabled: row.enabled === 1,
    settings,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** 0/1 of a boolean. */
export function bit(value: boolean): IntBool {
  return value ? 1 : 0;
}

/**
 * One row by id (in the handle's tenant).
 *
 * @example
 * const row = await findConnectionRow(ctx.scope.db, id);
 */
export async function findConnectionRow(
  db: TenantDb,
  id: string,
): Promise<ConnectionRow | undefined> {
  return db.selectFrom("connections").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * One row by id, else by name (in the handle's tenant).
 *
 * @example
 * const row = await findConnectionRowByRef(ctx.scope.db, "acme-psa");
 */
export async function findConnectionRowByRef(
  db: TenantDb,
  ref: string,
): Promise<ConnectionRow | undefined> {
  return (
    (await findConnectionRow(db, ref)) ??
    db.selectFrom("connections").selectAll().where("name", "=", ref).executeTakeFirst()
  );
}

/**
 * Every row of the tenant, by name.
 *
 * @example
 * const rows = await listConnectionRows(ctx.scope.db);
 */
export async function listConnectionRows(db: TenantDb): Promise<ConnectionRow[]> {
  return db.selectFrom("connections").selectAll().orderBy("name").execute();
}

/**
 * Inserts a row (stamped with the handle's tenant).
 *
 * @example
 * await insertConnectionRow(ctx.scope.db, row);
 */
export async function insertConnectionRow(
  db: TenantDb,
  row: TenantInsert<"connections">,
): Promise<void> {
  await db.insertInto("connections", row).execute();
}

/**
 * Updates a row of the tenant; returns whether it existed.
 *
 * @example
 * await updateConnectionRow(ctx.scope.db, id, { enabled: 1, updated_at: nowIso() });
 */
export async function updateConnectionRow(
  db: TenantDb,
  id: string,
  patch: Omit<Updateable<ConnectionsTable>, "tenant">,
): Promise<boolean> {
  const result = await db
    .updateTable("connections")
    .set(patch)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Deletes a row of the tenant (inside the caller's transaction); returns whether it existed.
 *
 * @example
 * await scope.transaction((tx) => deleteConnectionRow(tx, id));
 */
export async function deleteConnectionRow(db: TenantDb, id: string): Promise<boolean> {
  const result = await db.deleteFrom("connections").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * The number of incidents of a connection (what keeps it from being removed).
 *
 * @example
 * if ((await countConnectionIncidents(tx, id)) > 0) throw inUse();
 */
export async function countConnectionIncidents(db: TenantDb, id: string): Promise<number> {
  const row = await db
    .selectFrom("incidents")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("connection_id", "=", id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Whether any source sends to this connection (its customers can then be matched).
 *
 * @example
 * if (await connectionHasSources(tx, id)) await ctx.queue.enqueue(customerMatchJob({ connectionId: id }), tx.storeTx);
 */
export async function connectionHasSources(db: TenantDb, id: string): Promise<boolean> {
  const row = await db
    .selectFrom("sources")
    .select("id")
    .where("connection_id", "=", id)
    .executeTakeFirst();
  return row !== undefined;
}

/** What key rotation reads and rewrites of a connection: its id and sealed secrets. */
export type ConnectionSecretRow = Pick<ConnectionRow, "id" | "private_key_enc" | "client_id">;

/**
 * The sealed secrets of every connection of the tenant, by id.
 *
 * @example
 * const rows = await listConnectionSecrets(tx);
 */
export async function listConnectionSecrets(db: TenantDb): Promise<ConnectionSecretRow[]> {
  return db
    .selectFrom("connections")
    .select(["id", "private_key_enc", "client_id"])
    .orderBy("id")
    .execute();
}

/**
 * Replaces the sealed secrets of a connection of the tenant.
 *
 * @example
 * await writeConnectionSecrets(tx, { id, private_key_enc, client_id });
 */
export async function writeConnectionSecrets(
  db: TenantDb,
  row: ConnectionSecretRow,
): Promise<void> {
  await db
    .updateTable("connections")
    .set({ private_key_enc: row.private_key_enc, client_id: row.client_id })
    .where("id", "=", row.id)
    .execute();
}

/**
 * The tenants that have connections, in name order: the one installation-wide read of this
 * repository. A tenant without a connection has nothing to sync or ticket, so the worker
 * schedules each listed tenant's sweeps; and the master keyring is shared by every tenant, so a
 * key rotation re-encrypts each listed tenant's secrets through its own `tenantDb` handle.
 *
 * @example
 * for (const tenant of await listTenants(tx.storeTx)) await reencrypt(tenantDb(tx.storeTx, tenant));
 */
export async function listTenants(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom("connections")
    .select("tenant")
    .distinct()
    .orderBy("tenant")
    .execute();
  return rows.map((row) => row.tenant);
}
