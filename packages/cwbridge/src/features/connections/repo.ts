/**
 * The connections repo: row ↔ domain mapping and queries. `settings_json` holds the settings
 * plus the `allowOnPrem` opt-in; `private_key_enc` and `client_id` hold encrypted tokens.
 */
import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import { redactUrlCredentials } from "../../secrets/index.js";
import type { DialectKind } from "../../store/dialects/dialect-ops.js";
import type { ConnectionsTable, Database, IntBool } from "../../store/schema.js";
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
 * One row by id.
 *
 * @example
 * const row = await findConnectionRow(db, id);
 */
export async function findConnectionRow(
  db: Kysely<Database>,
  id: string,
): Promise<ConnectionRow | undefined> {
  return db.selectFrom("connections").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * One row by id, else by name.
 *
 * @example
 * const row = await findConnectionRowByRef(db, "acme-psa");
 */
export async function findConnectionRowByRef(
  db: Kysely<Database>,
  ref: string,
): Promise<ConnectionRow | undefined> {
  return (
    (await findConnectionRow(db, ref)) ??
    db.selectFrom("connections").selectAll().where("name", "=", ref).executeTakeFirst()
  );
}

/**
 * Every row, by name.
 *
 * @example
 * const rows = await listConnectionRows(db);
 */
export async function listConnectionRows(db: Kysely<Database>): Promise<ConnectionRow[]> {
  return db.selectFrom("connections").selectAll().orderBy("name").execute();
}

/**
 * Inserts a row.
 *
 * @example
 * await insertConnectionRow(tx, row);
 */
export async function insertConnectionRow(
  db: Kysely<Database>,
  row: Insertable<ConnectionsTable>,
): Promise<void> {
  await db.insertInto("connections").values(row).execute();
}

/**
 * Updates a row; returns whether it existed.
 *
 * @example
 * await updateConnectionRow(db, id, { enabled: 1, updated_at: nowIso() });
 */
export async function updateConnectionRow(
  db: Kysely<Database>,
  id: string,
  patch: Updateable<ConnectionsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable("connections")
    .set(patch)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Whether the connection is enabled (false when it does not exist).
 *
 * Inside a transaction, pass its dialect as `lockFor` to order the read with a concurrent
 * toggle by any process: on PostgreSQL the row is read `FOR SHARE`, so a toggle's UPDATE waits
 * until this transaction commits, and this read waits for an uncommitted toggle and then sees
 * its result; on SQLite every transaction is `BEGIN IMMEDIATE`, which already keeps every
 * other writer out until it commits.
 *
 * @example
 * await store.transaction(async (tx) => {
 *   if (!(await isConnectionEnabled(tx, id, store.dialect))) throw connectionDisabled(id, "POST", path);
 * });
 */
export async function isConnectionEnabled(
  db: Kysely<Database>,
  id: string,
  lockFor?: DialectKind,
): Promise<boolean> {
  const row = await db
    .selectFrom("connections")
    .select("enabled")
    .where("id", "=", id)
    .$if(lockFor === "postgres", (query) => query.forShare())
    .executeTakeFirst();
  return row?.enabled === 1;
}
