/**
 * Tiny helpers over the store's `kv` table (portable upsert on SQLite and PostgreSQL).
 */
import { DEFAULT_TENANT } from "../core/tenant.js";
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.js";

/**
 * Sets a value.
 *
 * @example
 * await putKv(db, "permissions:report:c1", JSON.stringify(report));
 */
export async function putKv(
  db: Kysely<Database>,
  key: string,
  value: string,
  tenant: string = DEFAULT_TENANT,
): Promise<void> {
  await db
    .insertInto("kv")
    .values({ key, value, tenant })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}

/**
 * A value, or undefined.
 *
 * @example
 * const json = await getKv(db, "permissions:report:c1");
 */
export async function getKv(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom("kv").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value;
}

/**
 * Deletes keys.
 *
 * @example
 * await deleteKv(db, ["permissions:report:c1", "permissions:forbidden:c1"]);
 */
export async function deleteKv(db: Kysely<Database>, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom("kv").where("key", "in", keys).execute();
}
