/**
 * The `kv` table: small settings (schema-less), one text value per key.
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/**
 * The value stored under `key`, or `undefined`.
 *
 * @example
 * const codebase = await getKv(store.db, "codebase:acme");
 */
export async function getKv(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom("kv").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value;
}

/**
 * Stores `value` under `key` (insert or replace).
 *
 * @example
 * await setKv(store.db, "codebase:acme", "v2025_1");
 */
export async function setKv(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await db
    .insertInto("kv")
    .values({ key, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}

/**
 * Removes `key`; returns whether it existed.
 *
 * @example
 * await deleteKv(store.db, "codebase:acme");
 */
export async function deleteKv(db: Kysely<Database>, key: string): Promise<boolean> {
  const result = await db.deleteFrom("kv").where("key", "=", key).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
