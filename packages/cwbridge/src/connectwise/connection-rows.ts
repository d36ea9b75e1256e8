/**
 * The adapter's reads and writes of `connections` by global id: the one place outside the
 * connections repository that touches the table. The client provider serves every tenant (the
 * worker builds clients for jobs of any tenant), so it reads a row by its global id and then
 * checks the row's tenant against the caller's (`forConnection(id, { tenant })`); the
 * events-log plugin reads the enabled flag in the transaction that logs each write attempt.
 * Features never use this file: they go through `features/connections` (tenant-scoped).
 */
import type { Kysely } from "kysely";
import type { DialectKind } from "../store/dialects/dialect-ops.js";
import { nowIso } from "../store/now.js";
import type { Database } from "../store/schema.js";
import type { ConnectionRow } from "../features/connections/repository.js";

/**
 * The row of a connection by global id, whatever its tenant (check `row.tenant` before use).
 *
 * @example
 * const row = await connectionRowById(store.db, id);
 */
export async function connectionRowById(
  db: Kysely<Database>,
  id: string,
): Promise<ConnectionRow | undefined> {
  return db.selectFrom("connections").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Some columns of a connection by global id (a primary-key read; the client cache's fingerprint).
 *
 * @example
 * const row = await connectionColumnsById(store.db, id, ["site", "public_key"]);
 */
export async function connectionColumnsById<C extends keyof ConnectionRow>(
  db: Kysely<Database>,
  id: string,
  columns: readonly C[],
): Promise<Pick<ConnectionRow, C> | undefined> {
  const row = await db
    .selectFrom("connections")
    .select(columns)
    .where("id", "=", id)
    .executeTakeFirst();
  return row as Pick<ConnectionRow, C> | undefined;
}

/**
 * Persists the codebase a client discovered.
 *
 * @example
 * await saveConnectionCodebase(store.db, id, "v2025_1/");
 */
export async function saveConnectionCodebase(
  db: Kysely<Database>,
  id: string,
  codebase: string,
): Promise<void> {
  await db
    .updateTable("connections")
    .set({ codebase, updated_at: nowIso() })
    .where("id", "=", id)
    .execute();
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
